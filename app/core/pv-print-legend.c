/* pv-print-legend.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pv-print-legend.h"
#include "pv-symbol.h"
#include "pv-vector-layer.h"

#define FONT_FAMILY "Noto Sans,DejaVu Sans,sans-serif"
/* Steps the text shrinks by, in mm. */
#define FONT_STEP_MM 0.2

/* Sizes, in units of the text size. */
#define HEADING_SIZE    1.3
#define HEADING_SPACE   0.7   /* under the heading */
#define TITLE_SPACE     0.7   /* above a layer's title (not at a column's top) */
#define TITLE_GAP       0.25  /* between a title and its first item */
#define ITEM_SPACE      0.35  /* between items */
#define SWATCH_WIDTH    2.2
#define SWATCH_HEIGHT   1.4
#define SWATCH_GAP      0.8   /* between a swatch and its label */
#define COLUMN_GAP      2.5
#define MIN_COLUMN      12.0  /* narrowest column */

PangoLayout *
pv_print_create_layout (cairo_t  *cr,
                        double    size,
                        gboolean  bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: a layout measured on one surface fits on another. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* Units may be points: glyphs rounded to whole units would be uneven. */
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);

  pango_font_description_set_absolute_size (desc, MAX (size, 0.01) * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

typedef enum
{
  BLOCK_TITLE,
  BLOCK_ITEM,
} BlockKind;

/* A layer's title or one item, measured for one text size and column width. */
typedef struct
{
  BlockKind           kind;
  const PvLegendEntry *entry;
  const PvLegendItem  *item;
  PvGeometryKind      geometry;
  double              height;   /* without the space above */
  double              space;    /* above it, unless it starts a column */
  double              width;    /* of its content */
  double              first_line; /* height of the label's first line */
  /* Where it went. */
  guint               column;
  double              y;
  gboolean            placed;
} Block;

typedef struct
{
  cairo_t *cr;
  double   font;       /* cairo units */
  double   col_width;
  double   label_width;
} Metrics;

static void
layout_text (PangoLayout *layout,
             const char  *text,
             double       width)
{
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) floor (MAX (width, 1) * PANGO_SCALE));
}

static void
measure_block (Block         *block,
               const Metrics *m,
               PangoLayout   *title_layout,
               PangoLayout   *item_layout)
{
  PangoRectangle logical;

  if (block->kind == BLOCK_TITLE)
    {
      layout_text (title_layout, block->entry->title, m->col_width);
      pango_layout_get_extents (title_layout, NULL, &logical);
      block->height = (double) logical.height / PANGO_SCALE;
      block->width = (double) (logical.x + logical.width) / PANGO_SCALE;
      block->space = TITLE_SPACE * m->font;
      return;
    }

  {
    PangoLayoutLine *line;
    PangoRectangle line_rect;
    double swatch_h = SWATCH_HEIGHT * m->font;

    layout_text (item_layout, block->item->label, m->label_width);
    pango_layout_get_extents (item_layout, NULL, &logical);
    line = pango_layout_get_line_readonly (item_layout, 0);
    pango_layout_line_get_extents (line, NULL, &line_rect);
    block->first_line = (double) line_rect.height / PANGO_SCALE;
    /* The swatch centred on the first line, the label on the swatch. */
    block->height = MAX ((double) logical.height / PANGO_SCALE + MAX (0, (swatch_h - block->first_line) / 2),
                         swatch_h + MAX (0, (block->first_line - swatch_h) / 2));
    block->width = (SWATCH_WIDTH + SWATCH_GAP) * m->font + (double) (logical.x + logical.width) / PANGO_SCALE;
    block->space = ITEM_SPACE * m->font;
  }
}

/* Places the blocks in n_columns of avail height each (G_MAXDOUBLE: no
 * limit). A title stays with its first item. Returns how many were placed
 * (all of them when the layout fits) and the tallest column. */
static guint
place_blocks (GArray *blocks,
              guint   n_columns,
              double  avail,
              double *tallest)
{
  guint column = 0;
  double y = 0;

  *tallest = 0;
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = &g_array_index (blocks, Block, i);
      double need = b->height, need_top;

      if (b->kind == BLOCK_TITLE && i + 1 < blocks->len &&
          g_array_index (blocks, Block, i + 1).kind == BLOCK_ITEM)
        {
          Block *next = &g_array_index (blocks, Block, i + 1);

          need += next->space + next->height;
        }
      need_top = need;
      if (y > 0)
        need += b->space;
      if (y + need > avail && y > 0)
        {
          /* The next column, if any. */
          if (column + 1 >= n_columns)
            return i;
          column++;
          y = 0;
          need = need_top;
        }
      if (y + need > avail)
        return i;
      if (y > 0)
        y += b->space;
      b->column = column;
      b->y = y;
      b->placed = TRUE;
      y += b->height;
      *tallest = MAX (*tallest, y);
    }
  return blocks->len;
}

static guint
max_columns (double width,
             double font)
{
  double min_col = MIN_COLUMN * font, gap = COLUMN_GAP * font;

  return MAX (1, (guint) floor ((width + gap) / (min_col + gap)));
}

static double
column_width (double width,
              double font,
              guint  n_columns)
{
  return (width - (n_columns - 1) * COLUMN_GAP * font) / n_columns;
}

static void
measure_all (GArray        *blocks,
             const Metrics *m)
{
  g_autoptr(PangoLayout) title_layout = pv_print_create_layout (m->cr, m->font, TRUE);
  g_autoptr(PangoLayout) item_layout = pv_print_create_layout (m->cr, m->font, FALSE);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = &g_array_index (blocks, Block, i);

      b->placed = FALSE;
      measure_block (b, m, title_layout, item_layout);
    }
}

static void
set_metrics (Metrics *m,
             double   font,
             double   width,
             guint    n_columns)
{
  m->font = font;
  m->col_width = column_width (width, font, n_columns);
  m->label_width = m->col_width - (SWATCH_WIDTH + SWATCH_GAP) * font;
}

static void
draw_blocks (cairo_t       *cr,
             GArray        *blocks,
             const Metrics *m,
             double         x,
             double         y,
             double         units_per_mm)
{
  g_autoptr(PangoLayout) title_layout = pv_print_create_layout (cr, m->font, TRUE);
  g_autoptr(PangoLayout) item_layout = pv_print_create_layout (cr, m->font, FALSE);
  double swatch_w = SWATCH_WIDTH * m->font, swatch_h = SWATCH_HEIGHT * m->font;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = &g_array_index (blocks, Block, i);
      double bx = x + b->column * (m->col_width + COLUMN_GAP * m->font);
      double by = y + b->y;

      if (!b->placed)
        continue;
      cairo_save (cr);
      if (b->kind == BLOCK_TITLE)
        {
          layout_text (title_layout, b->entry->title, m->col_width);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, bx, by);
          pango_cairo_show_layout (cr, title_layout);
        }
      else
        {
          PvStyleCategory symbol = b->item->symbol;

          symbol.value = symbol.label = symbol.filter = NULL;
          pv_symbol_draw_swatch (&symbol, b->geometry, cr,
                                 bx, by + MAX (0, (b->first_line - swatch_h) / 2), swatch_w, swatch_h,
                                 units_per_mm * 25.4);
          cairo_restore (cr);
          cairo_save (cr);
          layout_text (item_layout, b->item->label, m->label_width);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, bx + swatch_w + SWATCH_GAP * m->font, by + MAX (0, (swatch_h - b->first_line) / 2));
          pango_cairo_show_layout (cr, item_layout);
        }
      cairo_restore (cr);
    }
}

double
pv_print_legend_layout (cairo_t           *cr,
                        GPtrArray         *entries,
                        double             x,
                        double             y,
                        double             width,
                        double             max_height,
                        double             units_per_mm,
                        gboolean           draw,
                        PvPrintLegendInfo *info)
{
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(PangoLayout) heading = NULL;
  g_autofree char *more_text = NULL;
  PvPrintLegendInfo result = { 0 };
  PangoRectangle logical;
  Metrics m = { cr };
  double heading_h = 0, heading_w = 0, tallest = 0, avail;
  guint n_placed = 0, n_columns = 1, n_items = 0, n_items_placed = 0;
  gboolean fits = FALSE;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (entries != NULL, 0);
  g_return_val_if_fail (units_per_mm > 0, 0);

  if (info != NULL)
    *info = result;
  if (entries->len == 0 || !(width > 0))
    return 0;
  if (!(max_height > 0))
    max_height = G_MAXDOUBLE;

  blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  for (guint e = 0; e < entries->len; e++)
    {
      const PvLegendEntry *entry = entries->pdata[e];
      PvGeometryKind geometry = PV_IS_VECTOR_LAYER (entry->layer)
                                ? pv_symbol_get_layer_kind (PV_VECTOR_LAYER (entry->layer))
                                : PV_GEOMETRY_KIND_POLYGON;
      Block title = { BLOCK_TITLE, entry, NULL, geometry };

      g_array_append_val (blocks, title);
      for (guint i = 0; i < entry->items->len; i++)
        {
          Block item = { BLOCK_ITEM, entry, entry->items->pdata[i], geometry };

          g_array_append_val (blocks, item);
          n_items++;
        }
    }

  /* Largest text first, in as few columns as fit; then smaller text. */
  for (double font_mm = PV_PRINT_LEGEND_FONT_MM;
       font_mm > PV_PRINT_LEGEND_MIN_FONT_MM - FONT_STEP_MM / 2 && !fits;
       font_mm -= FONT_STEP_MM)
    {
      double font = font_mm * units_per_mm;
      guint n_max = max_columns (width, font);

      result.font_mm = font_mm;
      g_clear_object (&heading);
      heading = pv_print_create_layout (cr, HEADING_SIZE * font, TRUE);
      /* translators: the heading of the legend of a printed map */
      layout_text (heading, _("Legend"), width);
      pango_layout_get_extents (heading, NULL, &logical);
      heading_h = (double) logical.height / PANGO_SCALE;
      heading_w = (double) (logical.x + logical.width) / PANGO_SCALE;
      avail = max_height - heading_h - HEADING_SPACE * font;
      if (avail <= 0)
        continue;
      for (n_columns = 1; n_columns <= n_max && !fits; n_columns++)
        {
          set_metrics (&m, font, width, n_columns);
          measure_all (blocks, &m);
          n_placed = place_blocks (blocks, n_columns, avail, &tallest);
          fits = n_placed == blocks->len;
          if (fits)
            break;
        }
      if (fits)
        break;
    }

  if (!fits)
    {
      /* Even the smallest text in the most columns does not fit: leave out
       * what does not, and say so on a last line. */
      double font = PV_PRINT_LEGEND_MIN_FONT_MM * units_per_mm;
      g_autoptr(PangoLayout) note = pv_print_create_layout (cr, font, FALSE);
      double note_h;

      result.font_mm = PV_PRINT_LEGEND_MIN_FONT_MM;
      result.truncated = TRUE;
      n_columns = max_columns (width, font);
      g_clear_object (&heading);
      heading = pv_print_create_layout (cr, HEADING_SIZE * font, TRUE);
      layout_text (heading, _("Legend"), width);
      pango_layout_get_extents (heading, NULL, &logical);
      heading_h = (double) logical.height / PANGO_SCALE;
      heading_w = (double) (logical.x + logical.width) / PANGO_SCALE;
      set_metrics (&m, font, width, n_columns);
      layout_text (note, "…", m.col_width);
      pango_layout_get_extents (note, NULL, &logical);
      note_h = (double) logical.height / PANGO_SCALE + ITEM_SPACE * font;
      avail = max_height - heading_h - HEADING_SPACE * font;
      measure_all (blocks, &m);
      /* Room for the note at the foot of the last column. */
      n_placed = place_blocks (blocks, n_columns, MAX (avail - note_h, 0), &tallest);
      for (guint i = 0; i < n_placed; i++)
        n_items_placed += g_array_index (blocks, Block, i).kind == BLOCK_ITEM;
      more_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "… %u more item not shown",
                                                "… %u more items not shown",
                                                n_items - n_items_placed),
                                   n_items - n_items_placed);
    }

  {
    double content_w = heading_w;
    guint used_columns = 1;
    double body_h = tallest;

    for (guint i = 0; i < blocks->len; i++)
      {
        Block *b = &g_array_index (blocks, Block, i);

        if (b->placed)
          {
            used_columns = MAX (used_columns, b->column + 1);
            if (b->column == 0)
              content_w = MAX (content_w, b->width);
          }
      }
    if (more_text != NULL)
      {
        /* The note goes at the foot of the last column. */
        used_columns = n_columns;
        body_h = MAX (avail, tallest);
      }
    result.n_columns = used_columns;
    result.width = used_columns == 1 ? MIN (content_w, width)
                                     : used_columns * m.col_width + (used_columns - 1) * COLUMN_GAP * m.font;
    result.height = MIN (heading_h + HEADING_SPACE * m.font + body_h, max_height);
  }

  if (draw)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, heading);
      cairo_restore (cr);
      draw_blocks (cr, blocks, &m, x, y + heading_h + HEADING_SPACE * m.font, units_per_mm);
      if (more_text != NULL)
        {
          g_autoptr(PangoLayout) note = pv_print_create_layout (cr, m.font, FALSE);
          guint last = n_columns - 1;

          layout_text (note, more_text, m.col_width);
          pango_layout_get_extents (note, NULL, &logical);
          cairo_save (cr);
          cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
          cairo_move_to (cr, x + last * (m.col_width + COLUMN_GAP * m.font),
                         y + result.height - (double) logical.height / PANGO_SCALE);
          pango_cairo_show_layout (cr, note);
          cairo_restore (cr);
        }
    }

  if (info != NULL)
    *info = result;
  return result.height;
}
