/* pv-ogr-style.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_error.h>
#include <cpl_string.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

#include "pv-error.h"
#include "pv-ogr-style.h"

/* Style strings are read with GDAL's style manager (OGR_SM_*) and style
 * tools (OGR_ST_*): GDAL parses them and converts their units. What GDAL
 * leaves as text, the id lists ("mapinfo-brush-5,ogr-brush-5") and dash
 * patterns ("3 1px"), is split with CSLTokenizeString2(). */

typedef struct
{
  OGRStyleToolH pen;
  OGRStyleToolH brush;
  OGRStyleToolH symbol;
  OGRStyleToolH label;
} Parts;

/* GDAL reports malformed strings through CPLError; they are data, not
 * program errors, so they are silenced and the caller's last error kept. */
typedef struct
{
  CPLErr       type;
  CPLErrorNum  no;
  char        *message;
} ErrorState;

static void
quiet_begin (ErrorState *state)
{
  state->type = CPLGetLastErrorType ();
  state->no = CPLGetLastErrorNo ();
  state->message = g_strdup (CPLGetLastErrorMsg ());
  CPLPushErrorHandler (CPLQuietErrorHandler);
}

static void
quiet_end (ErrorState *state)
{
  CPLPopErrorHandler ();
  CPLErrorSetState (state->type, state->no, state->message);
  g_clear_pointer (&state->message, g_free);
}

static void
parts_clear (Parts *parts)
{
  g_clear_pointer (&parts->pen, OGR_ST_Destroy);
  g_clear_pointer (&parts->brush, OGR_ST_Destroy);
  g_clear_pointer (&parts->symbol, OGR_ST_Destroy);
  g_clear_pointer (&parts->label, OGR_ST_Destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parts, parts_clear)

/* String lists from CSLTokenizeString2(). */
typedef char **CslList;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (CslList, CSLDestroy, NULL)

/* The first part of each kind. Call between quiet_begin() and quiet_end(). */
static gboolean
parts_load (const char *style_string,
            Parts      *parts)
{
  OGRStyleMgrH manager;
  gboolean any = FALSE;

  memset (parts, 0, sizeof *parts);
  if (style_string == NULL || style_string[0] == '\0')
    return FALSE;

  manager = OGR_SM_Create (NULL);
  /* "@name" references need the dataset's style table: not resolved here. */
  if (OGR_SM_InitStyleString (manager, style_string))
    {
      int n = OGR_SM_GetPartCount (manager, NULL);

      for (int i = 0; i < n; i++)
        {
          OGRStyleToolH tool = OGR_SM_GetPart (manager, i, NULL);
          OGRStyleToolH *slot = NULL;

          if (tool == NULL)
            continue;
          switch (OGR_ST_GetType (tool))
            {
            case OGRSTCPen:
              slot = &parts->pen;
              break;
            case OGRSTCBrush:
              slot = &parts->brush;
              break;
            case OGRSTCSymbol:
              slot = &parts->symbol;
              break;
            case OGRSTCLabel:
              slot = &parts->label;
              break;
            case OGRSTCNone:
            case OGRSTCVector:
            default:
              break;
            }
          if (slot != NULL && *slot == NULL)
            {
              *slot = tool;
              any = TRUE;
            }
          else
            OGR_ST_Destroy (tool);
        }
    }
  OGR_SM_Destroy (manager);
  return any;
}

static gboolean
parts_draw (const Parts *parts)
{
  return parts->pen != NULL || parts->brush != NULL || parts->symbol != NULL;
}

/* ---------------------------------------------------------------- params */

static const char *
param_str (OGRStyleToolH tool,
           int           param)
{
  int is_null = TRUE;
  const char *value = OGR_ST_GetParamStr (tool, param, &is_null);

  return is_null || value == NULL || value[0] == '\0' ? NULL : value;
}

static gboolean
param_color (OGRStyleToolH  tool,
             int            param,
             double        *rgba)
{
  const char *value = param_str (tool, param);
  int r, g, b, a;

  if (value == NULL || !OGR_ST_GetRGBFromString (tool, value, &r, &g, &b, &a))
    return FALSE;
  rgba[0] = CLAMP (r, 0, 255) / 255.0;
  rgba[1] = CLAMP (g, 0, 255) / 255.0;
  rgba[2] = CLAMP (b, 0, 255) / 255.0;
  rgba[3] = CLAMP (a, 0, 255) / 255.0;
  return TRUE;
}

/* A size parameter in unit (OGRSTUMM or OGRSTUPoints), converted by GDAL
 * from the paper unit it was given in (px and pt are both 1/72 in to GDAL,
 * mm, cm, in). Only sizes in ground units ("g") depend on the
 * ground-to-paper scale, which tells them apart: their number is returned as
 * it stands, with *ground set. */
static gboolean
param_size_in (OGRStyleToolH  tool,
               int            param,
               OGRSTUnitId    unit,
               double        *size,
               gboolean      *ground)
{
  int is_null = TRUE;
  double at_1, at_1000;

  OGR_ST_SetUnit (tool, OGRSTUMM, 1.0);
  at_1 = OGR_ST_GetParamDbl (tool, param, &is_null);
  if (is_null || !isfinite (at_1))
    return FALSE;
  OGR_ST_SetUnit (tool, OGRSTUMM, 1000.0);
  at_1000 = OGR_ST_GetParamDbl (tool, param, &is_null);
  /* Ground: v / scale metres, so at_1000 is v itself. */
  *ground = at_1 != at_1000;
  if (*ground)
    *size = at_1000;
  else
    {
      OGR_ST_SetUnit (tool, unit, 1.0);
      *size = OGR_ST_GetParamDbl (tool, param, &is_null);
    }
  OGR_ST_SetUnit (tool, OGRSTUMM, 1.0);
  return isfinite (*size);
}

static gboolean
param_size (OGRStyleToolH  tool,
            int            param,
            double        *size,
            gboolean      *ground)
{
  return param_size_in (tool, param, OGRSTUMM, size, ground);
}

/* The number after prefix in a comma-separated id list ("mapinfo-pen-5,
 * ogr-pen-3"), or -1. */
static int
id_number (const char *ids,
           const char *prefix)
{
  g_auto(CslList) tokens = NULL;
  int found = -1;

  if (ids == NULL)
    return -1;
  tokens = CSLTokenizeString2 (ids, ",", CSLT_STRIPLEADSPACES | CSLT_STRIPENDSPACES);
  for (guint i = 0; tokens != NULL && tokens[i] != NULL && found < 0; i++)
    {
      const char *number;
      char *end = NULL;
      long v;

      if (!g_str_has_prefix (tokens[i], prefix))
        continue;
      number = tokens[i] + strlen (prefix);
      v = strtol (number, &end, 10);
      if (end != number && *end == '\0' && v >= 0 && v < G_MAXINT)
        found = (int) v;
    }
  return found;
}

/* ---------------------------------------------------------------- brush */

typedef enum
{
  BRUSH_SOLID,
  BRUSH_NULL,
  BRUSH_HATCH,
} BrushKind;

static BrushKind
brush_kind (const char *ids,
            PvHatch    *hatch)
{
  int mapinfo = id_number (ids, "mapinfo-brush-");
  int ogr = id_number (ids, "ogr-brush-");

  *hatch = PV_HATCH_NONE;
  /* MapInfo's own number first: GDAL's ogr-brush equivalent swaps the two
   * diagonals. MapInfo 3…8 follow the Windows hatches (HS_HORIZONTAL,
   * HS_VERTICAL, HS_FDIAGONAL "\", HS_BDIAGONAL "/", HS_CROSS,
   * HS_DIAGCROSS); 12…18 are dot screens; 19…47 are the same six line
   * families at other spacings and weights; later ones are textures. */
  if (mapinfo >= 0)
    {
      if (mapinfo <= 1)
        return BRUSH_NULL;
      if (mapinfo == 2 || (mapinfo >= 9 && mapinfo <= 11))
        return BRUSH_SOLID;
      if (mapinfo == 3 || (mapinfo >= 19 && mapinfo <= 23))
        *hatch = PV_HATCH_HORIZONTAL;
      else if (mapinfo == 4 || (mapinfo >= 24 && mapinfo <= 28))
        *hatch = PV_HATCH_VERTICAL;
      else if (mapinfo == 5 || (mapinfo >= 34 && mapinfo <= 38))
        *hatch = PV_HATCH_BACKWARD_DIAGONAL;
      else if (mapinfo == 6 || (mapinfo >= 29 && mapinfo <= 33))
        *hatch = PV_HATCH_FORWARD_DIAGONAL;
      else if (mapinfo == 7 || (mapinfo >= 39 && mapinfo <= 43))
        *hatch = PV_HATCH_CROSS;
      else if (mapinfo == 8 || (mapinfo >= 44 && mapinfo <= 47))
        *hatch = PV_HATCH_DIAGONAL_CROSS;
      else
        *hatch = PV_HATCH_DOTS;
      return BRUSH_HATCH;
    }

  /* OGR: 0 solid, 1 null, 2 horizontal, 3 vertical, 4 top-left to
   * bottom-right, 5 bottom-left to top-right, 6 cross, 7 diagonal cross. */
  switch (ogr)
    {
    case 1:
      return BRUSH_NULL;
    case 2:
      *hatch = PV_HATCH_HORIZONTAL;
      return BRUSH_HATCH;
    case 3:
      *hatch = PV_HATCH_VERTICAL;
      return BRUSH_HATCH;
    case 4:
      *hatch = PV_HATCH_BACKWARD_DIAGONAL;
      return BRUSH_HATCH;
    case 5:
      *hatch = PV_HATCH_FORWARD_DIAGONAL;
      return BRUSH_HATCH;
    case 6:
      *hatch = PV_HATCH_CROSS;
      return BRUSH_HATCH;
    case 7:
      *hatch = PV_HATCH_DIAGONAL_CROSS;
      return BRUSH_HATCH;
    default:
      return BRUSH_SOLID;
    }
}

/* ---------------------------------------------------------------- pen */

/* The nearest dash of a pattern of on/off lengths; only their ratios
 * matter, so a unit on the last number ("3 1px") is ignored. */
static PvDash
dash_from_pattern (const char *pattern)
{
  g_auto(CslList) tokens = CSLTokenizeString2 (pattern, " ", CSLT_STRIPLEADSPACES | CSLT_STRIPENDSPACES);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (double));
  double max_on = 0;
  guint n_pairs, n_long = 0, n_short = 0;

  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    {
      char *end = NULL;
      double v = g_ascii_strtod (tokens[i], &end);

      if (end == tokens[i] || !isfinite (v) || v < 0)
        return PV_DASH_SOLID;
      g_array_append_val (lengths, v);
    }
  if (lengths->len == 0)
    return PV_DASH_SOLID;
  /* An odd list repeats, as in SVG. */
  if (lengths->len % 2 == 1)
    g_array_append_vals (lengths, lengths->data, lengths->len);

  n_pairs = lengths->len / 2;
  for (guint i = 0; i < n_pairs; i++)
    max_on = MAX (max_on, g_array_index (lengths, double, 2 * i));
  if (max_on <= 0)
    return PV_DASH_SOLID;
  for (guint i = 0; i < n_pairs; i++)
    {
      if (g_array_index (lengths, double, 2 * i) >= 0.5 * max_on)
        n_long++;
      else
        n_short++;
    }
  if (n_short == 0)
    {
      double on = g_array_index (lengths, double, 0);
      double off = g_array_index (lengths, double, 1);

      if (off <= 0)
        return PV_DASH_SOLID;
      /* Dashes no longer than a unit, or much shorter than their gaps. */
      return on <= 1.0 || on * 1.5 <= off ? PV_DASH_DOT : PV_DASH_DASH;
    }
  return n_short >= 2 * n_long ? PV_DASH_DASH_DOT_DOT : PV_DASH_DASH_DOT;
}

static PvDash
pen_dash (OGRStyleToolH pen)
{
  const char *ids = param_str (pen, OGRSTPenId);
  const char *pattern = param_str (pen, OGRSTPenPattern);
  int ogr = id_number (ids, "ogr-pen-");

  if (id_number (ids, "mapinfo-pen-") == 1 || ogr == 1)
    return PV_DASH_NONE;
  if (pattern != NULL)
    return dash_from_pattern (pattern);
  /* OGR: 0 solid, 1 none, 2 dash, 3 short dash, 4 long dash, 5 dot,
   * 6 dash-dot, 7 dash-dot-dot, 8 alternate. */
  switch (ogr)
    {
    case 2:
    case 3:
    case 4:
      return PV_DASH_DASH;
    case 5:
    case 8:
      return PV_DASH_DOT;
    case 6:
      return PV_DASH_DASH_DOT;
    case 7:
      return PV_DASH_DASH_DOT_DOT;
    default:
      return PV_DASH_SOLID;
    }
}

/* ---------------------------------------------------------------- symbol */

typedef enum
{
  SHAPE_FILLED,
  SHAPE_HOLLOW,
  SHAPE_BLANK,
} ShapeFill;

static PvMarker
symbol_shape (OGRStyleToolH  symbol,
              ShapeFill     *fill)
{
  const char *ids = param_str (symbol, OGRSTSymbolId);
  int mapinfo = id_number (ids, "mapinfo-sym-");
  int ogr = id_number (ids, "ogr-sym-");
  PvMarker marker = PV_MARKER_CIRCLE;
  int is_null = TRUE;
  double angle;

  *fill = SHAPE_FILLED;
  /* MapInfo 3.0 symbols: 31 blank, 32…37 filled square, diamond, circle,
   * star, triangle up and down, 38…43 the same hollow, 44…46 filled with a
   * shadow, 49 and 50 crosses. */
  if (mapinfo >= 31 && mapinfo <= 50)
    {
      static const PvMarker shapes[] = {
        PV_MARKER_SQUARE, PV_MARKER_DIAMOND, PV_MARKER_CIRCLE,
        PV_MARKER_STAR, PV_MARKER_TRIANGLE, PV_MARKER_TRIANGLE,
      };

      if (mapinfo == 31)
        *fill = SHAPE_BLANK;
      else if (mapinfo <= 37)
        marker = shapes[mapinfo - 32];
      else if (mapinfo <= 43)
        {
          marker = shapes[mapinfo - 38];
          *fill = SHAPE_HOLLOW;
        }
      else if (mapinfo == 44)
        marker = PV_MARKER_SQUARE;
      else if (mapinfo == 45)
        marker = PV_MARKER_TRIANGLE;
      else if (mapinfo == 49 || mapinfo == 50)
        marker = PV_MARKER_CROSS;
      return marker;
    }

  /* OGR: 0 cross, 1 diagonal cross, 2/3 circle, 4/5 square, 6/7 triangle,
   * 8/9 star (hollow/filled), 10 vertical bar. */
  if (ogr >= 2 && ogr <= 9)
    {
      static const PvMarker shapes[] = {
        PV_MARKER_CIRCLE, PV_MARKER_SQUARE, PV_MARKER_TRIANGLE, PV_MARKER_STAR,
      };

      marker = shapes[(ogr - 2) / 2];
      *fill = ogr % 2 == 0 ? SHAPE_HOLLOW : SHAPE_FILLED;
    }
  else if (ogr == 0 || ogr == 1 || ogr == 10)
    marker = PV_MARKER_CROSS;

  /* A square turned by 45° is a diamond. */
  angle = OGR_ST_GetParamDbl (symbol, OGRSTSymbolAngle, &is_null);
  if (marker == PV_MARKER_SQUARE && !is_null && isfinite (angle)
      && fabs (fmod (fabs (angle), 90.0) - 45.0) < 1.0)
    marker = PV_MARKER_DIAMOND;
  return marker;
}

/* ---------------------------------------------------------------- symbol */

static void
set_rgba (double       *dest,
          const double *src)
{
  memcpy (dest, src, 4 * sizeof (double));
}

static gboolean
parts_to_symbol (const Parts     *parts,
                 PvStyleCategory *symbol)
{
  static const double grey[3] = { 0.5, 0.5, 0.5 };
  double pen_color[4] = { 0, 0, 0, 1 };

  if (!parts_draw (parts))
    return FALSE;

  pv_style_category_init_symbol (symbol, grey);
  symbol->unit = PV_UNIT_MM;

  if (parts->brush != NULL)
    {
      const char *ids = param_str (parts->brush, OGRSTBrushId);
      double fc[4] = { 0.5, 0.5, 0.5, 1 }, bc[4];
      gboolean has_bc = param_color (parts->brush, OGRSTBrushBColor, bc);
      PvHatch hatch;

      param_color (parts->brush, OGRSTBrushFColor, fc);
      switch (brush_kind (ids, &hatch))
        {
        case BRUSH_NULL:
          set_rgba (symbol->fill, fc);
          symbol->fill[3] = 0;
          break;
        case BRUSH_HATCH:
          /* The pattern is drawn in fc over bc; without bc, over nothing. */
          symbol->hatch = hatch;
          set_rgba (symbol->hatch_color, fc);
          if (has_bc)
            set_rgba (symbol->fill, bc);
          else
            {
              set_rgba (symbol->fill, fc);
              symbol->fill[3] = 0;
            }
          break;
        case BRUSH_SOLID:
        default:
          set_rgba (symbol->fill, fc);
          break;
        }
      /* A brush alone (DXF hatches and solids) has no outline. */
      if (parts->pen == NULL)
        symbol->outline_dash = PV_DASH_NONE;
    }

  if (parts->pen != NULL)
    {
      double width;
      gboolean ground;

      param_color (parts->pen, OGRSTPenColor, pen_color);
      set_rgba (symbol->outline, pen_color);
      /* DXF line weights arrive as ground units though they are mm. */
      if (param_size (parts->pen, OGRSTPenWidth, &width, &ground))
        {
          width = width > 0 ? width : 0.1;   /* 0: hairline */
          symbol->outline_width = width;
          symbol->line_width = width;
        }
      symbol->outline_dash = symbol->line_dash = pen_dash (parts->pen);
      /* Lines are stroked in the fill colour. */
      if (parts->brush == NULL)
        set_rgba (symbol->fill, pen_color);
    }

  if (parts->symbol != NULL)
    {
      double color[4] = { 0, 0, 0, 1 }, ocolor[4], size;
      gboolean ground;
      ShapeFill fill;

      param_color (parts->symbol, OGRSTSymbolColor, color);
      symbol->marker = symbol_shape (parts->symbol, &fill);
      if (param_size (parts->symbol, OGRSTSymbolSize, &size, &ground) && size > 0)
        symbol->marker_size = size;
      if (parts->brush == NULL && parts->pen == NULL)
        {
          set_rgba (symbol->fill, color);
          set_rgba (symbol->outline, color);
          if (param_color (parts->symbol, OGRSTSymbolOColor, ocolor))
            set_rgba (symbol->outline, ocolor);
          if (fill == SHAPE_HOLLOW)
            {
              symbol->fill[3] = 0;
              symbol->outline_width = 0.35;
            }
          else if (fill == SHAPE_BLANK)
            {
              symbol->fill[3] = 0;
              symbol->outline_dash = PV_DASH_NONE;
            }
        }
    }
  if (symbol->hatch == PV_HATCH_NONE)
    set_rgba (symbol->hatch_color, symbol->outline);
  return TRUE;
}

gboolean
pv_ogr_style_to_symbol (const char      *style_string,
                        PvStyleCategory *symbol)
{
  g_auto(Parts) parts = { 0 };
  ErrorState state;
  gboolean ok;

  g_return_val_if_fail (symbol != NULL, FALSE);

  quiet_begin (&state);
  ok = parts_load (style_string, &parts) && parts_to_symbol (&parts, symbol);
  parts_clear (&parts);
  quiet_end (&state);
  return ok;
}

/* ---------------------------------------------------------------- labels */

static char *
hex_color (const double *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (int) lround (rgba[0] * 255),
                          (int) lround (rgba[1] * 255),
                          (int) lround (rgba[2] * 255));
}

static const char *
hatch_name (PvHatch hatch)
{
  switch (hatch)
    {
    case PV_HATCH_HORIZONTAL:
      return C_("ogr-style", "Horizontal hatch");
    case PV_HATCH_VERTICAL:
      return C_("ogr-style", "Vertical hatch");
    case PV_HATCH_CROSS:
      return C_("ogr-style", "Cross hatch");
    case PV_HATCH_FORWARD_DIAGONAL:
      return C_("ogr-style", "Diagonal hatch (/)");
    case PV_HATCH_BACKWARD_DIAGONAL:
      return C_("ogr-style", "Diagonal hatch (\\)");
    case PV_HATCH_DIAGONAL_CROSS:
      return C_("ogr-style", "Diagonal cross hatch");
    case PV_HATCH_DOTS:
      return C_("ogr-style", "Dot pattern");
    case PV_HATCH_NONE:
    default:
      return C_("ogr-style", "Fill");
    }
}

static const char *
marker_name (PvMarker marker)
{
  switch (marker)
    {
    case PV_MARKER_SQUARE:
      return C_("ogr-style", "Square");
    case PV_MARKER_TRIANGLE:
      return C_("ogr-style", "Triangle");
    case PV_MARKER_STAR:
      return C_("ogr-style", "Star");
    case PV_MARKER_DIAMOND:
      return C_("ogr-style", "Diamond");
    case PV_MARKER_CROSS:
      return C_("ogr-style", "Cross");
    case PV_MARKER_CIRCLE:
    default:
      return C_("ogr-style", "Circle");
    }
}

static char *
describe_line (PvDash        dash,
               const double *rgba,
               double        width)
{
  g_autofree char *color = hex_color (rgba);
  g_autofree char *mm = g_strdup_printf ("%.2g", width);

  switch (dash)
    {
    case PV_DASH_NONE:
      return g_strdup (C_("ogr-style", "No line"));
    case PV_DASH_DASH:
      /* translators: %1$s is a colour (#rrggbb), %2$s a width in mm */
      return g_strdup_printf (C_("ogr-style", "Dashed line %1$s %2$s mm"), color, mm);
    case PV_DASH_DOT:
      return g_strdup_printf (C_("ogr-style", "Dotted line %1$s %2$s mm"), color, mm);
    case PV_DASH_DASH_DOT:
      return g_strdup_printf (C_("ogr-style", "Dash-dot line %1$s %2$s mm"), color, mm);
    case PV_DASH_DASH_DOT_DOT:
      return g_strdup_printf (C_("ogr-style", "Dash-dot-dot line %1$s %2$s mm"), color, mm);
    case PV_DASH_SOLID:
    default:
      return g_strdup_printf (C_("ogr-style", "Line %1$s %2$s mm"), color, mm);
    }
}

static char *
describe_parts (const Parts *parts)
{
  PvStyleCategory symbol = { 0 };
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);

  if (!parts_to_symbol (parts, &symbol))
    return NULL;

  if (parts->brush != NULL)
    {
      g_autofree char *fill = NULL;
      g_autofree char *fill_color = hex_color (symbol.hatch == PV_HATCH_NONE ? symbol.fill : symbol.hatch_color);

      if (symbol.hatch == PV_HATCH_NONE && symbol.fill[3] == 0)
        fill = g_strdup (C_("ogr-style", "No fill"));
      else if (symbol.hatch == PV_HATCH_NONE)
        /* translators: %s is a colour (#rrggbb) */
        fill = g_strdup_printf (C_("ogr-style", "Fill %s"), fill_color);
      else if (symbol.fill[3] > 0)
        {
          g_autofree char *background = hex_color (symbol.fill);

          /* translators: %1$s is a hatch name ("Horizontal hatch"), %2$s
           * its colour, %3$s the background colour */
          fill = g_strdup_printf (C_("ogr-style", "%1$s %2$s on %3$s"), hatch_name (symbol.hatch), fill_color, background);
        }
      else
        /* translators: %1$s is a hatch name ("Horizontal hatch"), %2$s its colour */
        fill = g_strdup_printf (C_("ogr-style", "%1$s %2$s"), hatch_name (symbol.hatch), fill_color);

      if (symbol.outline_dash == PV_DASH_NONE)
        /* translators: %s describes a fill ("Fill #00ff00") */
        g_ptr_array_add (pieces, g_strdup_printf (C_("ogr-style", "%s, no outline"), fill));
      else
        {
          g_autofree char *outline = hex_color (symbol.outline);
          g_autofree char *mm = g_strdup_printf ("%.2g", symbol.outline_width);

          /* translators: %1$s describes a fill ("Fill #00ff00"), %2$s is
           * the outline colour, %3$s its width in mm */
          g_ptr_array_add (pieces, g_strdup_printf (C_("ogr-style", "%1$s, outline %2$s %3$s mm"), fill, outline, mm));
        }
    }
  else if (parts->pen != NULL)
    g_ptr_array_add (pieces, describe_line (symbol.line_dash, symbol.fill, symbol.line_width));

  if (parts->symbol != NULL)
    {
      ShapeFill fill;
      double color[4] = { 0, 0, 0, 1 };
      g_autofree char *hex = NULL;
      g_autofree char *mm = g_strdup_printf ("%.2g", symbol.marker_size);

      symbol_shape (parts->symbol, &fill);
      param_color (parts->symbol, OGRSTSymbolColor, color);
      hex = hex_color (color);
      if (fill == SHAPE_BLANK)
        g_ptr_array_add (pieces, g_strdup (C_("ogr-style", "No symbol")));
      else if (fill == SHAPE_HOLLOW)
        /* translators: %1$s is a shape ("Circle"), %2$s its colour, %3$s its size in mm */
        g_ptr_array_add (pieces, g_strdup_printf (C_("ogr-style", "%1$s (hollow) %2$s, %3$s mm"),
                                                  marker_name (symbol.marker), hex, mm));
      else
        /* translators: %1$s is a shape ("Circle"), %2$s its colour, %3$s its size in mm */
        g_ptr_array_add (pieces, g_strdup_printf (C_("ogr-style", "%1$s %2$s, %3$s mm"),
                                                  marker_name (symbol.marker), hex, mm));
    }

  g_ptr_array_add (pieces, NULL);
  return g_strjoinv ("; ", (char **) pieces->pdata);
}

char *
pv_ogr_style_describe (const char *style_string)
{
  g_auto(Parts) parts = { 0 };
  ErrorState state;
  char *text = NULL;

  quiet_begin (&state);
  if (parts_load (style_string, &parts))
    {
      if (parts_draw (&parts))
        text = describe_parts (&parts);
      else if (parts.label != NULL)
        text = g_strdup (C_("ogr-style", "Text"));
    }
  parts_clear (&parts);
  quiet_end (&state);

  return text != NULL ? text : g_utf8_make_valid (style_string ? style_string : "", -1);
}

/* ---------------------------------------------------------------- style */

typedef struct
{
  const char *value;
  guint       count;
  guint       first;
} Entry;

static int
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const Entry *ea = *(const Entry * const *) a;
  const Entry *eb = *(const Entry * const *) b;

  if (ea->count != eb->count)
    return ea->count > eb->count ? -1 : 1;
  return ea->first < eb->first ? -1 : ea->first > eb->first;
}

/* As PvStyle matches values: whatever their case and surrounding blanks. */
static char *
fold_value (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);

  return g_utf8_casefold (g_strstrip (valid), -1);
}

static gboolean
string_draws (const char *style_string)
{
  g_auto(Parts) parts = { 0 };
  ErrorState state;
  gboolean draws;

  quiet_begin (&state);
  draws = parts_load (style_string, &parts) && parts_draw (&parts);
  parts_clear (&parts);
  quiet_end (&state);
  return draws;
}

gboolean
pv_ogr_style_is_text (const char *style_string)
{
  g_auto(Parts) parts = { 0 };
  ErrorState state;
  gboolean text;

  if (style_string == NULL || style_string[0] == '\0')
    return FALSE;
  quiet_begin (&state);
  text = parts_load (style_string, &parts) && parts.label != NULL && !parts_draw (&parts);
  parts_clear (&parts);
  quiet_end (&state);
  return text;
}

gboolean
pv_ogr_style_is_useful (const char * const *style_strings,
                        guint               n)
{
  g_autoptr(GHashTable) tried = NULL;

  g_return_val_if_fail (style_strings != NULL || n == 0, FALSE);

  /* Files repeat a few strings many times: each is parsed once. */
  tried = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      const char *s = style_strings[i];

      if (s == NULL || s[0] == '\0' || !g_hash_table_add (tried, (gpointer) s))
        continue;
      if (string_draws (s))
        return TRUE;
    }
  return FALSE;
}

PvStyle *
pv_style_new_from_feature_styles (const char * const *style_strings,
                                  guint               n_strings,
                                  GError            **error)
{
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(PvStyle) style = NULL;
  gboolean has_text = FALSE;
  guint n_keep;

  g_return_val_if_fail (style_strings != NULL || n_strings == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  entries = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_strings; i++)
    {
      const char *s = style_strings[i];
      g_autofree char *key = NULL;
      Entry *entry;

      if (s == NULL || s[0] == '\0')
        continue;
      key = fold_value (s);
      entry = g_hash_table_lookup (by_key, key);
      if (entry == NULL)
        {
          entry = g_new0 (Entry, 1);
          entry->value = s;
          entry->first = i;
          g_ptr_array_add (entries, entry);
          g_hash_table_insert (by_key, g_steal_pointer (&key), entry);
        }
      entry->count++;
    }

  /* Only strings that draw something become classes: text-only strings
   * (each DXF text its own) would crowd them out, and are drawn as labels;
   * they share one class that draws nothing. */
  values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_sort (entries, entry_compare);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (entries, i);

      if (values->len < PV_OGR_STYLE_MAX_CATEGORIES && string_draws (entry->value))
        g_ptr_array_add (values, g_utf8_make_valid (entry->value, -1));
      else if (!has_text && pv_ogr_style_is_text (entry->value))
        has_text = TRUE;
    }
  if (values->len == 0)
    {
      g_set_error_literal (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                           _("None of the features carries its own drawing style (pen, brush or symbol)"));
      return NULL;
    }

  n_keep = values->len;
  if (has_text)
    g_ptr_array_add (values, g_strdup (PV_OGR_STYLE_TEXT_VALUE));
  style = pv_style_new_unique_values (PV_OGR_STYLE_FIELD, (const char * const *) values->pdata, values->len);
  g_assert (pv_style_get_n_categories (style) == values->len + 1);
  if (has_text)
    {
      PvStyleCategory symbol = *pv_style_get_category (style, n_keep);

      /* The text is the label; its anchor point is not drawn. */
      symbol.fill[3] = 0;
      symbol.outline[3] = 0;
      symbol.marker_size = 0;
      pv_style_set_category_symbol (style, n_keep, &symbol);
      pv_style_set_category_label (style, n_keep, C_("legend", "Texts (drawn as labels)"));
    }
  for (guint i = 0; i < n_keep; i++)
    {
      PvStyleCategory symbol = { 0 };
      g_autofree char *label = pv_ogr_style_describe (g_ptr_array_index (values, i));

      if (pv_ogr_style_to_symbol (g_ptr_array_index (values, i), &symbol))
        pv_style_set_category_symbol (style, i, &symbol);
      pv_style_set_category_label (style, i, label);
    }
  pv_style_set_category_label (style, values->len, C_("legend", "Other styles"));
  return g_steal_pointer (&style);
}

/* ---------------------------------------------------------------- label */

static gboolean
load_label (const char *style_string,
            Parts      *parts)
{
  return parts_load (style_string, parts) && parts->label != NULL;
}

gboolean
pv_ogr_style_get_label (const char  *style_string,
                        char       **text,
                        double      *angle_degrees,
                        double      *size_pt,
                        double      *rgba)
{
  g_auto(Parts) parts = { 0 };
  ErrorState state;
  gboolean ok;

  quiet_begin (&state);
  ok = load_label (style_string, &parts);
  if (ok)
    {
      double black[4] = { 0, 0, 0, 1 };
      int is_null = TRUE;

      if (text != NULL)
        {
          const char *t = param_str (parts.label, OGRSTLabelTextString);

          *text = g_strdup (t ? t : "");
        }
      if (angle_degrees != NULL)
        {
          double a = OGR_ST_GetParamDbl (parts.label, OGRSTLabelAngle, &is_null);

          *angle_degrees = !is_null && isfinite (a) ? a : 0;
        }
      if (size_pt != NULL)
        {
          double pt;
          gboolean ground;

          *size_pt = 0;
          if (param_size_in (parts.label, OGRSTLabelSize, OGRSTUPoints, &pt, &ground) && !ground && pt > 0)
            *size_pt = pt;
        }
      if (rgba != NULL)
        {
          if (!param_color (parts.label, OGRSTLabelFColor, rgba))
            set_rgba (rgba, black);
        }
    }
  parts_clear (&parts);
  quiet_end (&state);
  return ok;
}

gboolean
pv_ogr_style_get_label_map_size (const char *style_string,
                                 double     *size)
{
  g_auto(Parts) parts = { 0 };
  ErrorState state;
  gboolean ground = FALSE;
  double value = 0;

  quiet_begin (&state);
  if (load_label (style_string, &parts)
      && !param_size (parts.label, OGRSTLabelSize, &value, &ground))
    ground = FALSE;
  parts_clear (&parts);
  quiet_end (&state);

  if (ground && size != NULL)
    *size = value;
  return ground && value > 0;
}
