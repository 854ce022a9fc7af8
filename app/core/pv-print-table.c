/* pv-print-table.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pv-number.h"
#include "pv-print-table.h"

#define N_COLUMNS 4
#define FONT_STEP_MM 0.2

/* Sizes, in units of the text size. */
#define HEADING_SIZE 1.15
#define NOTE_SIZE    0.85
#define PAD_X        0.45
#define PAD_Y        0.25
#define GAP          0.5   /* caption–table and table–note */
#define MIN_NAME     6.0   /* narrowest name column */

/* Rules, in mm. */
#define FRAME_MM 0.3
#define HEAVY_MM 0.2
#define RULE_MM  0.1



typedef enum
{
  ROW_HEADER,
  ROW_DATA,
  ROW_MORE,   /* "… n more rows": in the code and name columns */
  ROW_TOTAL,
} RowKind;

typedef struct
{
  RowKind  kind;
  char    *cells[N_COLUMNS];
  double   height;
} Row;

static void
row_clear (Row *row)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (row->cells[c]);
}

typedef struct
{
  double font;
  double col_w[N_COLUMNS]; /* padding included */
  double heading_h;
  double caption_h;
  double note_h;
  double table_w;
} Metrics;

static void
set_text (PangoLayout *layout,
          const char  *text,
          double       width)
{
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, width > 0 ? (int) ceil (width * PANGO_SCALE) : -1);
}

static double
text_width (PangoLayout *layout,
            const char  *text)
{
  PangoRectangle logical;

  set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) (logical.x + logical.width) / PANGO_SCALE;
}

static double
text_height (PangoLayout *layout,
             const char  *text,
             double       width)
{
  PangoRectangle logical;

  set_text (layout, text, width);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* The widest word of text: a column title may wrap between words. */
static double
widest_word (PangoLayout *layout,
             const char  *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    widest = MAX (widest, text_width (layout, words[i]));
  return widest;
}

static gboolean
is_bold (RowKind kind)
{
  return kind == ROW_HEADER || kind == ROW_TOTAL;
}

/* The width of a cell's text in column c of row. */
static double
cell_text_width (const Metrics *m,
                 const Row     *row,
                 guint          c)
{
  if (row->kind == ROW_MORE && c == 0)
    return m->col_w[0] + m->col_w[1] - 2 * PAD_X * m->font;
  return m->col_w[c] - 2 * PAD_X * m->font;
}

/* Column widths and every height, for text of font cairo units. */
static void
measure (cairo_t    *cr,
         GArray     *rows,
         const char *heading,
         const char *caption,
         const char *note,
         double      width,
         double      font,
         Metrics    *m)
{
  g_autoptr(PangoLayout) regular = pv_print_create_layout (cr, font, FALSE);
  g_autoptr(PangoLayout) bold = pv_print_create_layout (cr, font, TRUE);
  g_autoptr(PangoLayout) big = pv_print_create_layout (cr, HEADING_SIZE * font, TRUE);
  g_autoptr(PangoLayout) small = pv_print_create_layout (cr, NOTE_SIZE * font, FALSE);
  double pad = 2 * PAD_X * font, others = 0;

  memset (m, 0, sizeof *m);
  m->font = font;
  /* Codes and numbers keep to one line; titles may wrap between words. */
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      PangoLayout *layout = is_bold (row->kind) ? bold : regular;

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          double w;

          if (c == 1 || (row->kind == ROW_MORE && c == 0))
            continue;
          w = row->kind == ROW_HEADER ? widest_word (layout, row->cells[c])
                                      : text_width (layout, row->cells[c]);
          /* A little slack: a number must never wrap on rounding. */
          m->col_w[c] = MAX (m->col_w[c], w + pad + 0.05 * font);
        }
    }
  /* A long value that is no code wraps rather than squeeze the names. */
  for (guint c = 0; c < N_COLUMNS; c++)
    m->col_w[c] = MIN (m->col_w[c], 0.3 * width);
  others = m->col_w[0] + m->col_w[2] + m->col_w[3];
  m->col_w[1] = MAX (width - others, MIN_NAME * font);
  m->table_w = others + m->col_w[1];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      PangoLayout *layout = is_bold (row->kind) ? bold : regular;
      double h = 0;

      for (guint c = 0; c < N_COLUMNS; c++)
        if (row->cells[c] != NULL)
          h = MAX (h, text_height (layout, row->cells[c], cell_text_width (m, row, c)));
      row->height = h + 2 * PAD_Y * font;
    }
  m->heading_h = text_height (big, heading, width);
  m->caption_h = text_height (regular, caption, width) + GAP * font;
  m->note_h = GAP * font + text_height (small, note, width);
}

static double
total_height (const Metrics *m,
              GArray        *rows)
{
  double h = m->heading_h + m->caption_h + m->note_h;

  for (guint i = 0; i < rows->len; i++)
    h += g_array_index (rows, Row, i).height;
  return h;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           gboolean     right)
{
  set_text (layout, text, width);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
hline (cairo_t *cr,
       double   x0,
       double   x1,
       double   y,
       double   line_width)
{
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
}

static void
draw (cairo_t       *cr,
      GArray        *rows,
      const char    *heading,
      const char    *caption,
      const char    *note,
      const Metrics *m,
      double         x,
      double         y,
      double         units_per_mm)
{
  g_autoptr(PangoLayout) regular = pv_print_create_layout (cr, m->font, FALSE);
  g_autoptr(PangoLayout) bold = pv_print_create_layout (cr, m->font, TRUE);
  g_autoptr(PangoLayout) big = pv_print_create_layout (cr, HEADING_SIZE * m->font, TRUE);
  g_autoptr(PangoLayout) small = pv_print_create_layout (cr, NOTE_SIZE * m->font, FALSE);
  double pad_x = PAD_X * m->font, pad_y = PAD_Y * m->font;
  double top, ty, x1 = x + m->table_w;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, big, heading, x, y, m->table_w, FALSE);
  show_text (cr, regular, caption, x, y + m->heading_h, m->table_w, FALSE);
  top = ty = y + m->heading_h + m->caption_h;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      PangoLayout *layout = is_bold (row->kind) ? bold : regular;
      double cx = x;

      if (row->kind == ROW_HEADER)
        {
          cairo_save (cr);
          cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
          cairo_rectangle (cr, x, ty, m->table_w, row->height);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      if (row->kind == ROW_MORE)
        cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (row->cells[c] != NULL)
            show_text (cr, layout, row->cells[c], cx + pad_x, ty + pad_y, cell_text_width (m, row, c),
                       c >= 2 && row->kind != ROW_HEADER);
          cx += m->col_w[c];
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      ty += row->height;
      /* Under the header and above the total: heavier rules. */
      if (i + 1 < rows->len)
        hline (cr, x, x1, ty,
               (row->kind == ROW_HEADER || g_array_index (rows, Row, i + 1).kind == ROW_TOTAL
                ? HEAVY_MM : RULE_MM) * units_per_mm);
    }

  /* Column rules (the "more" row spans code and name), then the frame. */
  cairo_set_line_width (cr, RULE_MM * units_per_mm);
  {
    double cx = x, ry = top;

    for (guint c = 0; c + 1 < N_COLUMNS; c++)
      {
        cx += m->col_w[c];
        ry = top;
        for (guint i = 0; i < rows->len; i++)
          {
            const Row *row = &g_array_index (rows, Row, i);

            if (!(row->kind == ROW_MORE && c == 0))
              {
                cairo_move_to (cr, cx, ry);
                cairo_line_to (cr, cx, ry + row->height);
              }
            ry += row->height;
          }
      }
    cairo_stroke (cr);
  }
  cairo_set_line_width (cr, FRAME_MM * units_per_mm);
  cairo_rectangle (cr, x, top, m->table_w, ty - top);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  show_text (cr, small, note, x, ty + GAP * m->font, m->table_w, FALSE);
  cairo_restore (cr);
}

static void
add_row (GArray     *rows,
         RowKind     kind,
         const char *code,
         const char *name,
         double      area_ha,
         double      share)
{
  Row row = { kind };

  row.cells[0] = g_strdup (code);
  row.cells[1] = g_strdup (name);
  row.cells[2] = pv_number_format_grouped (area_ha, 2, PV_NUMBER_NARROW_NBSP, TRUE);
  row.cells[3] = pv_number_format_grouped (share, 2, PV_NUMBER_NARROW_NBSP, TRUE);
  g_array_append_val (rows, row);
}

double
pv_print_table_layout (cairo_t           *cr,
                       PvLanduseStats    *stats,
                       double             x,
                       double             y,
                       double             width,
                       double             max_height,
                       double             units_per_mm,
                       gboolean           draw_it,
                       PvPrintLegendInfo *info)
{
  g_autoptr(GArray) rows = NULL;
  g_autofree char *caption = NULL;
  PvPrintLegendInfo result = { 0 };
  const char *heading, *note;
  double total_ha, font_mm, height = 0;
  guint n = 0;
  Metrics m;
  gboolean fits = FALSE;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (stats), 0);
  g_return_val_if_fail (units_per_mm > 0, 0);

  if (info != NULL)
    *info = result;
  if (!(width > 0))
    return 0;
  if (!(max_height > 0))
    max_height = G_MAXDOUBLE;

  rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  {
    Row header = { ROW_HEADER };

    for (guint c = 0; c < N_COLUMNS; c++)
      header.cells[c] = g_strdup (pv_landuse_stats_get_column_title (c));
    g_array_append_val (rows, header);
  }
  n = pv_landuse_stats_get_n_rows (stats);
  for (guint i = 0; i < n; i++)
    {
      const PvLanduseStatsRow *row = pv_landuse_stats_get_row (stats, i);

      add_row (rows, ROW_DATA, row->code, row->name, row->area_ha, row->share);
    }
  total_ha = pv_landuse_stats_get_total_area_ha (stats);
  add_row (rows, ROW_TOTAL, "", pv_landuse_stats_get_total_label (), total_ha, total_ha > 0 ? 100.0 : 0.0);

  /* translators: the heading of the land-use table on a printed map (bảng cơ cấu sử dụng đất) */
  heading = _("Land-use structure");
  /* translators: the caption of the land-use table on a printed map: the
   * layer's name, then what was counted, e.g. "whole layer" */
  caption = g_strdup_printf (_("%s — %s"), pv_landuse_stats_get_layer_name (stats),
                             pv_landuse_stats_get_scope_description (stats));
  note = pv_landuse_stats_get_note (stats);

  for (font_mm = PV_PRINT_LEGEND_FONT_MM; font_mm > PV_PRINT_LEGEND_MIN_FONT_MM - FONT_STEP_MM / 2;
       font_mm -= FONT_STEP_MM)
    {
      measure (cr, rows, heading, caption, note, width, font_mm * units_per_mm, &m);
      height = total_height (&m, rows);
      if (height <= max_height)
        {
          fits = TRUE;
          break;
        }
    }

  if (!fits)
    {
      /* The smallest text: leave out the last rows (the total stays), with a
       * row saying how many. */
      Row more = { ROW_MORE };
      guint keep = n;

      font_mm = PV_PRINT_LEGEND_MIN_FONT_MM;
      result.truncated = TRUE;
      more.cells[0] = g_strdup ("…");
      g_array_insert_val (rows, rows->len - 1, more);
      while (TRUE)
        {
          Row *more_row = &g_array_index (rows, Row, rows->len - 2);

          g_free (more_row->cells[0]);
          more_row->cells[0] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "… %u more row not shown",
                                                             "… %u more rows not shown",
                                                             n - keep),
                                                n - keep);
          measure (cr, rows, heading, caption, note, width, font_mm * units_per_mm, &m);
          height = total_height (&m, rows);
          if (height <= max_height || keep == 0)
            break;
          /* Drop the last data row (right before "more"). */
          g_array_remove_index (rows, rows->len - 3);
          keep--;
        }
    }

  result.height = height;
  result.width = m.table_w;
  result.n_columns = 1;
  result.font_mm = font_mm;
  if (draw_it)
    draw (cr, rows, heading, caption, note, &m, x, y, units_per_mm);
  if (info != NULL)
    *info = result;
  return result.height;
}
