/* pv-gen-sample.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes the Bình Dương sample: districts, land use 2024 and plan 2030,
 * rivers, roads (UTM 48N), points of interest (WGS 84 GeoJSON), an
 * orthophoto-like GeoTIFF and the project file that opens them. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_alg.h>
#include <glib/gstdio.h>

#include "pv-gen.h"

#define BASE_CELL   1600.0   /* metres, quadtree root */
#define MAX_LEVEL   3        /* 200 m cells in the city cores */
#define MIN_PIECE   25.0     /* m², smaller slivers are dropped */

#define ORTHO_SIZE  6000.0   /* metres */
#define ORTHO_RES   3.0      /* metres per pixel */

typedef struct
{
  double   c[8];             /* corners x0 y0 … x3 y3, counter-clockwise */
  double   cx, cy;
  int      level;
  guint64  hash;
  const char *code[2];       /* 2024, 2030 */
} Cell;

/* The part of a cell inside one district: cells on a district border are
 * cut in two or more, so every land-use polygon lies in one district. */
typedef struct
{
  guint         cell;
  int           district;
  OGRGeometryH  polygon;
} Piece;

typedef struct
{
  const char   *code;        /* "SON" or "DGT" */
  const PvGenLine *line;
  double        half_width;
  OGRGeometryH  buffer;
  gboolean      in_current;  /* planned roads only carve the plan */
} Carver;

typedef struct
{
  PvGenModel *model;
  GArray     *cells;         /* Cell */
  GArray     *pieces;        /* Piece, in cell order */
  GPtrArray  *carvers;       /* Carver* */
  double      ortho[4];      /* xmin ymin xmax ymax */
  GPtrArray  *ortho_geoms;   /* 2024 pieces that touch the ortho */
  GArray     *ortho_classes; /* their land-use indices (double, for GDALRasterizeGeometries) */
  OGRGeometryH district_geoms[PV_GEN_N_DISTRICTS];
} Sample;

/* ---- cells -------------------------------------------------------------- */

static void
lattice_corner (int     i,
                int     j,
                double  x0,
                double  y0,
                double *x,
                double *y)
{
  *x = x0 + i * BASE_CELL + BASE_CELL * 0.22 * (2 * pv_gen_hash_double (i, j, 11) - 1);
  *y = y0 + j * BASE_CELL + BASE_CELL * 0.22 * (2 * pv_gen_hash_double (i, j, 12) - 1);
}

static gboolean
corners_split_districts (PvGenModel   *model,
                         const double *c,
                         double        cx,
                         double        cy)
{
  int d = pv_gen_model_district_at (model, cx, cy);

  for (int k = 0; k < 4; k++)
    if (pv_gen_model_district_at (model, c[2 * k], c[2 * k + 1]) != d)
      return TRUE;
  return FALSE;
}

static void
add_cells (Sample       *sample,
           const double *c,
           int           level,
           guint64       key)
{
  PvGenModel *model = sample->model;
  double size = BASE_CELL / (1 << level);
  double cx = (c[0] + c[2] + c[4] + c[6]) / 4, cy = (c[1] + c[3] + c[5] + c[7]) / 4;
  guint64 hash = pv_gen_hash (key, level, 5);
  double u = pv_gen_model_urban (model, cx, cy, TRUE);
  double r = pv_gen_hash_double (hash, 1, 2);
  int want = 0;

  if (u > 0.15 || r < 0.12)
    want = 1;
  if (u > 0.4 || (u > 0.2 && r < 0.3))
    want = 2;
  if (u > 0.88)
    want = 3;
  if (want <= level && level < 2 && corners_split_districts (model, c, cx, cy))
    want = level + 1;

  if (want > level && level < MAX_LEVEL)
    {
      double m[8], mc[2], ch[8];
      static const int layout[4][4] = { { 0, 4, 8, 7 }, { 4, 1, 5, 8 }, { 8, 5, 2, 6 }, { 7, 8, 6, 3 } };
      double pts[9][2];

      for (int k = 0; k < 4; k++)
        {
          int n = (k + 1) % 4;

          /* (a + b) / 2 is symmetric, so neighbours compute the same point. */
          m[2 * k] = (c[2 * k] + c[2 * n]) * 0.5;
          m[2 * k + 1] = (c[2 * k + 1] + c[2 * n + 1]) * 0.5;
        }
      mc[0] = cx + size * 0.12 * (2 * pv_gen_hash_double (hash, 3, 4) - 1);
      mc[1] = cy + size * 0.12 * (2 * pv_gen_hash_double (hash, 5, 6) - 1);
      for (int k = 0; k < 4; k++)
        {
          pts[k][0] = c[2 * k], pts[k][1] = c[2 * k + 1];
          pts[4 + k][0] = m[2 * k], pts[4 + k][1] = m[2 * k + 1];
        }
      pts[8][0] = mc[0], pts[8][1] = mc[1];
      for (int q = 0; q < 4; q++)
        {
          for (int k = 0; k < 4; k++)
            ch[2 * k] = pts[layout[q][k]][0], ch[2 * k + 1] = pts[layout[q][k]][1];
          add_cells (sample, ch, level + 1, key * 4 + q + 1);
        }
      return;
    }

  {
    Cell cell = { .level = level, .cx = cx, .cy = cy, .hash = hash };

    memcpy (cell.c, c, sizeof cell.c);
    cell.code[0] = pv_gen_model_land_use (model, cx, cy, hash, FALSE);
    cell.code[1] = pv_gen_model_land_use (model, cx, cy, hash, TRUE);
    g_array_append_val (sample->cells, cell);
  }
}

static OGRGeometryH
cell_polygon (const Cell *cell)
{
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGRGeometryH poly = OGR_G_CreateGeometry (wkbPolygon);

  for (int k = 0; k <= 4; k++)
    OGR_G_AddPoint_2D (ring, cell->c[2 * (k % 4)], cell->c[2 * (k % 4) + 1]);
  OGR_G_AddGeometryDirectly (poly, ring);
  return poly;
}

static void
build_cells (Sample *sample)
{
  PvGenModel *model = sample->model;
  double x0 = floor (model->xmin / BASE_CELL) * BASE_CELL - BASE_CELL;
  double y0 = floor (model->ymin / BASE_CELL) * BASE_CELL - BASE_CELL;
  int nx = (int) ceil ((model->xmax - x0) / BASE_CELL) + 1;
  int ny = (int) ceil ((model->ymax - y0) / BASE_CELL) + 1;

  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      {
        double c[8];
        OGRGeometryH poly;
        Cell probe;

        lattice_corner (i, j, x0, y0, &c[0], &c[1]);
        lattice_corner (i + 1, j, x0, y0, &c[2], &c[3]);
        lattice_corner (i + 1, j + 1, x0, y0, &c[4], &c[5]);
        lattice_corner (i, j + 1, x0, y0, &c[6], &c[7]);
        memcpy (probe.c, c, sizeof c);
        poly = cell_polygon (&probe);
        if (OGR_G_Intersects (poly, model->outline_geom))
          add_cells (sample, c, 0, (guint64) j * 1000 + i);
        OGR_G_DestroyGeometry (poly);
      }
}

/* ---- carving rivers and roads out of the cells -------------------------- */

static Carver *
carver_new (const char      *code,
            const PvGenLine *line,
            double           width,
            gboolean         in_current)
{
  Carver *carver = g_new0 (Carver, 1);
  OGRGeometryH g = pv_gen_line_to_geometry (line);

  carver->code = code;
  carver->line = line;
  carver->half_width = width / 2;
  carver->buffer = OGR_G_Buffer (g, width / 2, 6);
  carver->in_current = in_current;
  OGR_G_DestroyGeometry (g);
  return carver;
}

static void
carver_free (gpointer data)
{
  Carver *carver = data;

  OGR_G_DestroyGeometry (carver->buffer);
  g_free (carver);
}

typedef void (*PieceFunc) (Sample       *sample,
                           int           district,
                           const char   *code,
                           OGRGeometryH  polygon,
                           gpointer      user_data);

static void
emit_parts (Sample       *sample,
            int           district,
            const char   *code,
            OGRGeometryH  g,
            PieceFunc     func,
            gpointer      user_data)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (g));

  if (OGR_G_IsEmpty (g))
    return;
  if (type == wkbPolygon)
    {
      if (OGR_G_Area (g) >= MIN_PIECE)
        func (sample, district, code, g, user_data);
    }
  else if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    {
      for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
        emit_parts (sample, district, code, OGR_G_GetGeometryRef (g, i), func, user_data);
    }
}

static void
carve_cells (Sample    *sample,
             gboolean   plan,
             PieceFunc  func,
             gpointer   user_data)
{
  for (guint i = 0; i < sample->pieces->len; i++)
    {
      const Piece *piece = &g_array_index (sample->pieces, Piece, i);
      const Cell *cell = &g_array_index (sample->cells, Cell, piece->cell);
      double radius = BASE_CELL / (1 << cell->level) * 0.95;
      OGRGeometryH g = OGR_G_Clone (piece->polygon);

      for (guint k = 0; k < sample->carvers->len; k++)
        {
          const Carver *carver = g_ptr_array_index (sample->carvers, k);
          OGRGeometryH part, rest;

          if (!plan && !carver->in_current)
            continue;
          if (pv_gen_line_distance (carver->line, cell->cx, cell->cy) > radius + carver->half_width)
            continue;
          if (!OGR_G_Intersects (g, carver->buffer))
            continue;
          part = OGR_G_Intersection (g, carver->buffer);
          rest = OGR_G_Difference (g, carver->buffer);
          if (part)
            {
              emit_parts (sample, piece->district, carver->code, part, func, user_data);
              OGR_G_DestroyGeometry (part);
            }
          OGR_G_DestroyGeometry (g);
          g = rest;
          if (g == NULL || OGR_G_IsEmpty (g))
            break;
        }
      if (g)
        {
          emit_parts (sample, piece->district, cell->code[plan ? 1 : 0], g, func, user_data);
          OGR_G_DestroyGeometry (g);
        }
    }
}

/* ---- land-use layers ---------------------------------------------------- */

typedef struct
{
  OGRLayerH   layer;
  const char *period;
  gboolean    collect_ortho;
  int         next_id;
  double      total_area;
  GError     *error;
} LandUseWriter;

static void
write_piece_cb (Sample       *sample,
                int           district,
                const char   *code,
                OGRGeometryH  polygon,
                gpointer      user_data)
{
  LandUseWriter *w = user_data;
  const PvGenLandUse *lu = pv_gen_land_use_lookup (code);
  OGRFeatureH f;
  double area = OGR_G_Area (polygon);

  if (w->error)
    return;
  f = OGR_F_Create (OGR_L_GetLayerDefn (w->layer));
  OGR_F_SetFieldInteger (f, 0, ++w->next_id);
  OGR_F_SetFieldString (f, 1, lu->code);
  OGR_F_SetFieldString (f, 2, lu->name);
  OGR_F_SetFieldString (f, 3, sample->model->districts[district].name);
  OGR_F_SetFieldDouble (f, 4, round (area * 10) / 10);
  OGR_F_SetFieldDouble (f, 5, round (area) / 10000.0);
  OGR_F_SetFieldString (f, 6, w->period);
  OGR_F_SetGeometry (f, polygon);
  if (OGR_L_CreateFeature (w->layer, f) != OGRERR_NONE)
    g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write a land-use feature: %s",
                 CPLGetLastErrorMsg ());
  OGR_F_Destroy (f);
  w->total_area += area;

  if (w->collect_ortho)
    {
      OGREnvelope env;

      OGR_G_GetEnvelope (polygon, &env);
      if (env.MaxX > sample->ortho[0] && env.MinX < sample->ortho[2] &&
          env.MaxY > sample->ortho[1] && env.MinY < sample->ortho[3])
        {
          double index = pv_gen_land_use_index (code) + 1;

          g_ptr_array_add (sample->ortho_geoms, OGR_G_Clone (polygon));
          g_array_append_val (sample->ortho_classes, index);
        }
    }
}

static gboolean
write_land_use (Sample      *sample,
                const char  *dir,
                const char  *basename,
                gboolean     plan,
                GError     **error)
{
  GDALDatasetH ds = NULL;
  OGRLayerH layer;
  LandUseWriter w = { 0 };

  layer = pv_gen_create_shapefile (dir, basename, sample->model->crs.tm3, wkbPolygon, &ds, error);
  if (layer == NULL)
    return FALSE;
  pv_gen_add_field (layer, "id", OFTInteger, 9, 0);
  pv_gen_add_field (layer, "ma_sdd", OFTString, 4, 0);
  pv_gen_add_field (layer, "ten_sdd", OFTString, 80, 0);
  pv_gen_add_field (layer, "huyen", OFTString, 40, 0);
  pv_gen_add_field (layer, "dien_tich", OFTReal, 14, 1);
  pv_gen_add_field (layer, "dt_ha", OFTReal, 12, 4);
  pv_gen_add_field (layer, "ky_qh", OFTString, 24, 0);

  w.layer = layer;
  w.period = plan ? "2021–2030" : "hiện trạng 2024";
  w.collect_ortho = !plan;
  carve_cells (sample, plan, write_piece_cb, &w);
  GDALClose (ds);
  if (w.error)
    {
      g_propagate_error (error, w.error);
      return FALSE;
    }
  g_print ("%s: %d polygons, %.1f km²\n", basename, w.next_id, w.total_area / 1e6);
  return TRUE;
}

static const struct
{
  const char *name, *type;
  double lat, lon;
} poi_data[] = {
  { "Trung tâm Hành chính tập trung tỉnh Bình Dương", "hành chính", 11.0538, 106.6722 },
  { "UBND thành phố Thủ Dầu Một", "hành chính", 10.9808, 106.6532 },
  { "UBND thành phố Thuận An", "hành chính", 10.9125, 106.7005 },
  { "UBND thành phố Dĩ An", "hành chính", 10.9060, 106.7700 },
  { "UBND thành phố Tân Uyên", "hành chính", 11.0620, 106.7880 },
  { "UBND thành phố Bến Cát", "hành chính", 11.1500, 106.6080 },
  { "UBND huyện Bàu Bàng", "hành chính", 11.2680, 106.6300 },
  { "UBND huyện Phú Giáo", "hành chính", 11.2900, 106.7980 },
  { "UBND huyện Dầu Tiếng", "hành chính", 11.2800, 106.3720 },
  { "UBND huyện Bắc Tân Uyên", "hành chính", 11.1410, 106.8580 },
  { "Thành phố mới Bình Dương", "đô thị", 11.0560, 106.6900 },
  { "Trung tâm Hội nghị và Triển lãm Bình Dương", "văn hóa", 11.0570, 106.6800 },
  { "Trường Đại học Thủ Dầu Một", "giáo dục", 10.9805, 106.6745 },
  { "Trường Đại học Quốc tế Miền Đông", "giáo dục", 11.0520, 106.6660 },
  { "Trường Đại học Việt Đức", "giáo dục", 11.1070, 106.6140 },
  { "Trường Đại học Bình Dương", "giáo dục", 10.9930, 106.6640 },
  { "Trường Đại học Kinh tế – Kỹ thuật Bình Dương", "giáo dục", 10.9880, 106.6610 },
  { "Trường Cao đẳng Việt Nam – Singapore", "giáo dục", 10.9180, 106.7120 },
  { "Bệnh viện Đa khoa tỉnh Bình Dương", "y tế", 11.0450, 106.6820 },
  { "Bệnh viện Đa khoa Quốc tế Becamex", "y tế", 10.9760, 106.6800 },
  { "Bệnh viện Đa khoa thành phố Dĩ An", "y tế", 10.9020, 106.7650 },
  { "Trung tâm Y tế thành phố Bến Cát", "y tế", 11.1520, 106.6030 },
  { "Trung tâm Y tế huyện Dầu Tiếng", "y tế", 11.2760, 106.3680 },
  { "Trung tâm Y tế huyện Phú Giáo", "y tế", 11.2880, 106.8000 },
  { "Chợ Thủ Dầu Một", "thương mại", 10.9790, 106.6530 },
  { "Trung tâm thương mại Thuận An", "thương mại", 10.9350, 106.7150 },
  { "Nhà thờ Chánh tòa Phú Cường", "tôn giáo", 10.9760, 106.6545 },
  { "Chùa Hội Khánh", "tôn giáo", 10.9850, 106.6570 },
  { "Sân vận động Gò Đậu", "thể thao", 10.9720, 106.6600 },
  { "Bến xe khách tỉnh Bình Dương", "giao thông", 10.9960, 106.6650 },
  { "Ga Sóng Thần", "giao thông", 10.8930, 106.7570 },
  { "Cảng Bình Dương", "giao thông", 10.9010, 106.7905 },
  { "Khu du lịch Đại Nam", "du lịch", 11.0460, 106.6270 },
  { "Núi Cậu – Hồ Dầu Tiếng", "du lịch", 11.3650, 106.3700 },
  { "Di tích Chiến khu Đ", "di tích", 11.2100, 106.9100 },
  { "Di tích Địa đạo Tam Giác Sắt", "di tích", 11.0920, 106.5380 },
  { "Công viên nước Dĩ An", "vui chơi", 10.9000, 106.7800 },
};

/* Places whose district everyone knows, besides the town halls. */
static const struct
{
  const char *place, *district;
} known_places[] = {
  { "KCN Sóng Thần 1", "Thành phố Dĩ An" },
  { "KCN Sóng Thần 2", "Thành phố Dĩ An" },
};

static int
district_by_name (PvGenModel *model,
                  const char *name)
{
  g_autofree char *key = g_utf8_casefold (name, -1);

  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    {
      g_autofree char *other = g_utf8_casefold (model->districts[d].name, -1);

      if (g_str_equal (key, other))
        return d;
    }
  return -1;
}

/* The district centroids, every "UBND <district>" point and the known
 * places must lie in their districts. */
static GArray *
district_anchors (PvGenModel *model)
{
  GArray *anchors = g_array_new (FALSE, FALSE, sizeof (PvGenAnchor));

  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    {
      PvGenAnchor a = { model->districts[d].cx, model->districts[d].cy, d };

      g_array_append_val (anchors, a);
    }
  for (guint i = 0; i < G_N_ELEMENTS (poi_data); i++)
    {
      PvGenAnchor a;

      if (!g_str_has_prefix (poi_data[i].name, "UBND ") ||
          (a.district = district_by_name (model, poi_data[i].name + strlen ("UBND "))) < 0)
        continue;
      pv_gen_lonlat_to_tm3 (&model->crs, poi_data[i].lon, poi_data[i].lat, &a.x, &a.y);
      g_array_append_val (anchors, a);
    }
  for (guint i = 0; i < G_N_ELEMENTS (known_places); i++)
    for (guint k = 0; k < model->parks->len; k++)
      {
        const PvGenPark *park = &g_array_index (model->parks, PvGenPark, k);
        PvGenAnchor a = { park->x, park->y, district_by_name (model, known_places[i].district) };

        if (g_str_equal (park->name, known_places[i].place) && a.district >= 0)
          g_array_append_val (anchors, a);
      }
  return anchors;
}

/* ---- districts ---------------------------------------------------------- */

static gboolean
write_districts (Sample      *sample,
                 const char  *dir,
                 GError     **error)
{
  PvGenModel *model = sample->model;
  GDALDatasetH ds = NULL;
  OGRLayerH layer;

  g_autoptr(GArray) anchors = district_anchors (model);

  if (!pv_gen_build_districts (model, (const PvGenAnchor *) (const void *) anchors->data,
                               anchors->len, sample->district_geoms, error))
    return FALSE;
  layer = pv_gen_create_shapefile (dir, "districts", model->crs.tm3, wkbPolygon, &ds, error);
  if (layer == NULL)
    return FALSE;
  pv_gen_add_field (layer, "ma", OFTString, 3, 0);
  pv_gen_add_field (layer, "ten", OFTString, 40, 0);
  pv_gen_add_field (layer, "loai", OFTString, 16, 0);
  pv_gen_add_field (layer, "dt_km2", OFTReal, 10, 2);
  pv_gen_add_field (layer, "dt_cb_km2", OFTReal, 10, 2);

  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    {
      const PvGenDistrict *district = &model->districts[d];
      OGRGeometryH g = sample->district_geoms[d];
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      OGR_F_SetFieldString (f, 0, district->code);
      OGR_F_SetFieldString (f, 1, district->name);
      OGR_F_SetFieldString (f, 2, district->type);
      OGR_F_SetFieldDouble (f, 3, round (OGR_G_Area (g) / 1e4) / 100.0);
      OGR_F_SetFieldDouble (f, 4, district->area_km2);
      OGR_F_SetGeometry (f, g);
      if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
        g_error ("cannot write the district %s: %s", district->name, CPLGetLastErrorMsg ());
      g_print ("  %-26s %7.1f km² (official %6.1f, %+.1f %%)\n", district->name,
               OGR_G_Area (g) / 1e6, district->area_km2,
               100.0 * (OGR_G_Area (g) / 1e6 / district->area_km2 - 1.0));
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return TRUE;
}

/* ---- cells cut at the district borders ---------------------------------- */

#define MASK_RES 50.0        /* metres */

static void
add_polygonal (OGRGeometryH to,
               OGRGeometryH g)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (g));

  if (type == wkbPolygon)
    OGR_G_AddGeometry (to, g);
  else if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
      add_polygonal (to, OGR_G_GetGeometryRef (g, i));
}

/* Cuts every cell by the districts. Only cells near a border need GEOS: a
 * mask of the pixels the borders touch finds them, the others lie whole in
 * the district that holds their centre (or wholly outside the province). */
static gboolean
split_cells (Sample  *sample,
             GError **error)
{
  PvGenModel *model = sample->model;
  double x0 = floor (model->xmin / MASK_RES) * MASK_RES - 2 * MASK_RES;
  double y1 = ceil (model->ymax / MASK_RES) * MASK_RES + 2 * MASK_RES;
  int nx = (int) ceil ((model->xmax + 2 * MASK_RES - x0) / MASK_RES);
  int ny = (int) ceil ((y1 - (model->ymin - 2 * MASK_RES)) / MASK_RES);
  double gt[6] = { x0, MASK_RES, 0, y1, 0, -MASK_RES };
  g_autofree guint8 *mask = g_new0 (guint8, (gsize) nx * ny);
  const char *options[] = { "ALL_TOUCHED=TRUE", NULL };
  OGRGeometryH borders[PV_GEN_N_DISTRICTS];
  OGREnvelope envs[PV_GEN_N_DISTRICTS];
  double burn[PV_GEN_N_DISTRICTS];
  int bands[] = { 1 };
  GDALDatasetH mem;
  CPLErr err;
  guint n_cut = 0;

  mem = GDALCreate (GDALGetDriverByName ("MEM"), "", nx, ny, 1, GDT_Byte, NULL);
  GDALSetGeoTransform (mem, gt);
  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    {
      borders[d] = OGR_G_Boundary (sample->district_geoms[d]);
      OGR_G_GetEnvelope (sample->district_geoms[d], &envs[d]);
      burn[d] = 1.0;
    }
  err = GDALRasterizeGeometries (mem, 1, bands, PV_GEN_N_DISTRICTS, borders, NULL, NULL, burn,
                                 (char **) options, NULL, NULL);
  if (err == CE_None)
    err = GDALRasterIO (GDALGetRasterBand (mem, 1), GF_Read, 0, 0, nx, ny, mask, nx, ny,
                        GDT_Byte, 0, 0);
  GDALClose (mem);
  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    OGR_G_DestroyGeometry (borders[d]);
  if (err != CE_None)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot rasterize the district borders: %s",
                   CPLGetLastErrorMsg ());
      return FALSE;
    }

  for (guint i = 0; i < sample->cells->len; i++)
    {
      const Cell *cell = &g_array_index (sample->cells, Cell, i);
      OGRGeometryH g = cell_polygon (cell);
      OGREnvelope env;
      gboolean near_border = FALSE;
      int i0, i1, j0, j1;

      OGR_G_GetEnvelope (g, &env);
      i0 = MAX (0, (int) floor ((env.MinX - x0) / MASK_RES) - 1);
      i1 = MIN (nx - 1, (int) floor ((env.MaxX - x0) / MASK_RES) + 1);
      j0 = MAX (0, (int) floor ((y1 - env.MaxY) / MASK_RES) - 1);
      j1 = MIN (ny - 1, (int) floor ((y1 - env.MinY) / MASK_RES) + 1);
      for (int j = j0; j <= j1 && !near_border; j++)
        for (int k = i0; k <= i1 && !near_border; k++)
          near_border = mask[(gsize) j * nx + k] != 0;

      for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
        {
          Piece piece = { .cell = i, .district = d };

          if (env.MaxX < envs[d].MinX || env.MinX > envs[d].MaxX ||
              env.MaxY < envs[d].MinY || env.MinY > envs[d].MaxY)
            continue;
          if (!near_border)
            {
              OGRGeometryH pt = OGR_G_CreateGeometry (wkbPoint);
              gboolean inside;

              OGR_G_SetPoint_2D (pt, 0, cell->cx, cell->cy);
              inside = OGR_G_Contains (sample->district_geoms[d], pt);
              OGR_G_DestroyGeometry (pt);
              if (!inside)
                continue;
              piece.polygon = OGR_G_Clone (g);
              g_array_append_val (sample->pieces, piece);
              break;
            }
          else
            {
              OGRGeometryH cut = OGR_G_Intersection (g, sample->district_geoms[d]);
              OGRGeometryH parts;

              if (cut == NULL)
                continue;
              parts = OGR_G_CreateGeometry (wkbMultiPolygon);
              add_polygonal (parts, cut);
              OGR_G_DestroyGeometry (cut);
              if (OGR_G_GetGeometryCount (parts) == 0 || OGR_G_Area (parts) < MIN_PIECE)
                {
                  OGR_G_DestroyGeometry (parts);
                  continue;
                }
              piece.polygon = parts;
              g_array_append_val (sample->pieces, piece);
              n_cut++;
            }
        }
      OGR_G_DestroyGeometry (g);
    }
  g_print ("%u cells, %u pieces (%u cut at a border)\n", sample->cells->len, sample->pieces->len,
           n_cut);
  return TRUE;
}

/* ---- rivers, roads, points of interest ---------------------------------- */

static gboolean
write_rivers (Sample      *sample,
              const char  *dir,
              GError     **error)
{
  PvGenModel *model = sample->model;
  GDALDatasetH ds = NULL;
  OGRLayerH layer;

  layer = pv_gen_create_shapefile (dir, "rivers", model->crs.tm3, wkbLineString, &ds, error);
  if (layer == NULL)
    return FALSE;
  pv_gen_add_field (layer, "ten", OFTString, 40, 0);
  pv_gen_add_field (layer, "loai", OFTString, 12, 0);
  pv_gen_add_field (layer, "rong_m", OFTReal, 6, 1);
  for (guint i = 0; i < model->rivers->len; i++)
    {
      const PvGenRiver *river = g_ptr_array_index (model->rivers, i);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH g = pv_gen_line_to_geometry (&river->tm3);

      OGR_F_SetFieldString (f, 0, river->name);
      OGR_F_SetFieldString (f, 1, g_str_has_prefix (river->name, "Suối") ? "suối" : "sông");
      OGR_F_SetFieldDouble (f, 2, river->width);
      OGR_F_SetGeometryDirectly (f, g);
      if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
        g_error ("cannot write the river %s: %s", river->name, CPLGetLastErrorMsg ());
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return TRUE;
}

static gboolean
write_roads (Sample      *sample,
             const char  *dir,
             GError     **error)
{
  PvGenModel *model = sample->model;
  GDALDatasetH ds = NULL;
  OGRLayerH layer;

  layer = pv_gen_create_shapefile (dir, "roads", model->crs.utm48, wkbLineString, &ds, error);
  if (layer == NULL)
    return FALSE;
  pv_gen_add_field (layer, "ten", OFTString, 80, 0);
  pv_gen_add_field (layer, "cap", OFTString, 24, 0);
  pv_gen_add_field (layer, "hien_trang", OFTString, 16, 0);
  pv_gen_add_field (layer, "lo_gioi_m", OFTReal, 6, 1);
  for (guint i = 0; i < model->roads->len; i++)
    {
      const PvGenRoad *road = g_ptr_array_index (model->roads, i);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      OGR_F_SetFieldString (f, 0, road->name);
      OGR_F_SetFieldString (f, 1, road->cls);
      OGR_F_SetFieldString (f, 2, road->status);
      OGR_F_SetFieldDouble (f, 3, road->width);
      OGR_F_SetGeometryDirectly (f, pv_gen_line_to_geometry (&road->utm48));
      if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
        g_error ("cannot write the road %s: %s", road->name, CPLGetLastErrorMsg ());
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return TRUE;
}


static int
district_containing (Sample *sample,
                     double  x,
                     double  y)
{
  OGRGeometryH pt = OGR_G_CreateGeometry (wkbPoint);
  int found = -1;

  OGR_G_SetPoint_2D (pt, 0, x, y);
  for (int d = 0; d < PV_GEN_N_DISTRICTS && found < 0; d++)
    if (sample->district_geoms[d] && OGR_G_Contains (sample->district_geoms[d], pt))
      found = d;
  OGR_G_DestroyGeometry (pt);
  if (found < 0)
    {
      g_warning ("point %.0f %.0f is outside the province", x, y);
      found = pv_gen_model_district_at (sample->model, x, y);
    }
  return found;
}

static gboolean
write_poi (Sample      *sample,
           const char  *dir,
           GError     **error)
{
  PvGenModel *model = sample->model;
  GDALDriverH driver = GDALGetDriverByName ("GeoJSON");
  g_autofree char *path = g_build_filename (dir, "poi.geojson", NULL);
  const char *options[] = { "COORDINATE_PRECISION=6", "WRITE_BBOX=NO", NULL };
  GDALDatasetH ds;
  OGRLayerH layer;
  guint count = 0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_unlink (path);
  if (driver == NULL || !(ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot create: %s", path,
                   CPLGetLastErrorMsg ());
      return FALSE;
    }
  layer = GDALDatasetCreateLayer (ds, "poi", model->crs.wgs84, wkbPoint, (char **) options);
  pv_gen_add_field (layer, "ten", OFTString, 0, 0);
  pv_gen_add_field (layer, "loai", OFTString, 0, 0);
  pv_gen_add_field (layer, "huyen", OFTString, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (poi_data) + model->parks->len; i++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH pt = OGR_G_CreateGeometry (wkbPoint);
      const char *name, *type;
      double lon, lat, x, y;

      if (i < G_N_ELEMENTS (poi_data))
        {
          name = poi_data[i].name, type = poi_data[i].type;
          lon = poi_data[i].lon, lat = poi_data[i].lat;
          pv_gen_lonlat_to_tm3 (&model->crs, lon, lat, &x, &y);
        }
      else
        {
          const PvGenPark *park = &g_array_index (model->parks, PvGenPark, i - G_N_ELEMENTS (poi_data));
          OGRCoordinateTransformationH back;

          name = park->name;
          type = park->planned ? "khu công nghiệp (quy hoạch)" : "khu công nghiệp";
          x = park->x, y = park->y, lon = x, lat = y;
          back = OCTNewCoordinateTransformation (model->crs.tm3, model->crs.wgs84);
          /* Parks were placed from lon/lat; going back through EPSG:9210 only
           * shifts them below a metre, far under the sample's accuracy. */
          OCTTransform (back, 1, &lon, &lat, NULL);
          OCTDestroyCoordinateTransformation (back);
        }
      OGR_F_SetFieldString (f, 0, name);
      OGR_F_SetFieldString (f, 1, type);
      OGR_F_SetFieldString (f, 2, model->districts[district_containing (sample, x, y)].name);
      OGR_G_SetPoint_2D (pt, 0, lon, lat);
      OGR_F_SetGeometryDirectly (f, pt);
      if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
        g_error ("cannot write the point %s: %s", name, CPLGetLastErrorMsg ());
      OGR_F_Destroy (f);
      count++;
    }
  GDALClose (ds);
  g_print ("poi.geojson: %u points\n", count);
  return TRUE;
}

/* ---- orthophoto --------------------------------------------------------- */

static inline double
hashpx (int      i,
        int      j,
        guint64  salt)
{
  return pv_gen_hash_double ((guint64) i, (guint64) j, salt);
}

/* The colour of a pixel of land use @code at map position (x, y) metres,
 * pixel (i, j): a texture that reads like imagery at 3 m. */
static void
texture (const char *code,
         double      x,
         double      y,
         int         i,
         int         j,
         double      rgb[3])
{
  double n1 = pv_gen_noise (x / 9.0, y / 9.0, 901);
  double n2 = pv_gen_fbm (x / 40.0, y / 40.0, 3, 902);
  double grain = hashpx (i, j, 903) - 0.5;

#define SET(r, g, b) (rgb[0] = (r), rgb[1] = (g), rgb[2] = (b))
  if (g_str_equal (code, "ODT") || g_str_equal (code, "ONT") || g_str_equal (code, "TMD") ||
      g_str_equal (code, "TSC"))
    {
      /* Roofs on a block grid; ONT leaves room for gardens. */
      gboolean tmd = g_str_equal (code, "TMD");
      double bw = tmd ? 30.0 : 14.0, bh = tmd ? 36.0 : 18.0;
      int bx = (int) floor (x / bw), by = (int) floor (y / bh);
      double fx = x / bw - bx, fy = y / bh - by, h = hashpx (bx, by, 904);
      double shade = 0.85 + 0.3 * hashpx (bx, by, 909);
      gboolean alley = fx < 0.1 || fy < 0.12;
      gboolean street = fmod (fabs (x) + 3, 110.0) < 7.0 || fmod (fabs (y) + 5, 140.0) < 7.0;

      if (street && !g_str_equal (code, "ONT"))
        SET (122, 120, 116);
      else if ((g_str_equal (code, "ONT") && n2 > -0.1) || (!tmd && n2 > 0.55))
        SET (48 + 26 * n1, 84 + 26 * n1, 40);           /* gardens and street trees */
      else if (alley)
        SET (98, 94, 88);
      else if (h < (tmd ? 0.2 : 0.58))
        SET (shade * 170, shade * 92, shade * 66);      /* terracotta tiles */
      else if (h < 0.86)
        SET (shade * 150, shade * 150, shade * 152);    /* concrete */
      else if (h < 0.93)
        SET (96, 122, 152);                             /* blue metal */
      else
        SET (204, 202, 194);                            /* white */
    }
  else if (g_str_equal (code, "SKK") || g_str_equal (code, "SKC"))
    {
      int bx = (int) floor (x / 90.0), by = (int) floor (y / 60.0);
      double fx = x / 90.0 - bx, fy = y / 60.0 - by, h = hashpx (bx, by, 905);

      if (fx < 0.12 || fy < 0.15)
        SET (128, 124, 118);                            /* yards and internal roads */
      else if (h < 0.4)
        SET (214, 216, 214);
      else if (h < 0.65)
        SET (112, 142, 172);
      else if (h < 0.85)
        SET (176, 98, 70);
      else
        SET (160, 160, 150);
    }
  else if (g_str_equal (code, "DGD") || g_str_equal (code, "DYT") || g_str_equal (code, "DVH"))
    {
      double fx = fmod (fabs (x), 60.0), fy = fmod (fabs (y), 45.0);

      if (fx > 12 && fx < 48 && fy > 10 && fy < 24)
        SET (196, 120, 90);
      else
        SET (92 + 20 * n1, 128 + 20 * n1, 70);
    }
  else if (g_str_equal (code, "DTT"))
    {
      double fx = fmod (fabs (x), 160.0), fy = fmod (fabs (y), 110.0);

      SET (70, 140, 70);
      if (fx < 8 || fy < 8)
        SET (176, 96, 80);
    }
  else if (g_str_equal (code, "DKV"))
    {
      if (n2 > 0.1)
        SET (40 + 20 * n1, 82 + 20 * n1, 38);
      else
        SET (104 + 15 * n1, 150 + 15 * n1, 80);
    }
  else if (g_str_equal (code, "NTD"))
    {
      if (hashpx (i / 2, j / 2, 906) < 0.45)
        SET (200, 198, 190);
      else
        SET (110, 130, 86);
    }
  else if (g_str_equal (code, "DGT"))
    SET (108, 108, 106);
  else if (g_str_equal (code, "SON") || g_str_equal (code, "MNC") || g_str_equal (code, "DTL") ||
           g_str_equal (code, "NTS"))
    SET (92 + 10 * n2, 96 + 10 * n2, 70 + 8 * n2);      /* brown-green river water */
  else if (g_str_equal (code, "CLN"))
    {
      /* Rubber: dark canopy in rows. */
      double row = fmod (fabs (x * 0.8 + y * 0.6), 7.0);

      double canopy = pv_gen_noise (x / 4.0, y / 4.0, 910);

      SET (34 + 14 * n1 + 12 * canopy, 66 + 16 * n1 + 14 * canopy, 30 + 6 * canopy);
      if (row < 1.4)
        SET (76, 70, 50);
    }
  else if (g_str_equal (code, "RSX"))
    SET (26 + 18 * n1 + 8 * n2, 58 + 22 * n1 + 8 * n2, 28 + 6 * n1);
  else if (g_str_equal (code, "LUC"))
    {
      int px = (int) floor (x / 45.0), py = (int) floor (y / 30.0);
      double h = hashpx (px, py, 907);

      if (fmod (fabs (x), 45.0) < 2.5 || fmod (fabs (y), 30.0) < 2.5)
        SET (120, 126, 84);
      else if (h < 0.6)
        SET (118 + 30 * h, 170 + 20 * h, 60);
      else
        SET (168, 164, 96);
    }
  else if (g_str_equal (code, "HNK"))
    {
      int px = (int) floor ((x + y * 0.2) / 35.0), py = (int) floor (y / 50.0);
      double h = hashpx (px, py, 908);

      if (h < 0.35)
        SET (150, 110, 78);                             /* red soil */
      else if (h < 0.75)
        SET (112 + 25 * h, 146, 70);
      else
        SET (176, 168, 110);
    }
  else                                                  /* CSD and the rest: bare red soil */
    SET (166 + 12 * n1, 120 + 10 * n1, 88);
#undef SET

  for (int c = 0; c < 3; c++)
    rgb[c] = rgb[c] * (1.0 + 0.08 * n2) + 14.0 * grain;
}

static gboolean
write_ortho (Sample      *sample,
             const char  *dir,
             GError     **error)
{
  const int size = (int) (ORTHO_SIZE / ORTHO_RES);
  g_autofree char *path = g_build_filename (dir, "ortho_thu_dau_mot.tif", NULL);
  g_autofree guint8 *classes = g_new0 (guint8, (gsize) size * size);
  g_autofree guint8 *rgb = g_new (guint8, (gsize) size * size * 3);
  double gt[6] = { sample->ortho[0], ORTHO_RES, 0, sample->ortho[3], 0, -ORTHO_RES };
  const char *create_options[] = { "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256",
                                   "COMPRESS=JPEG", "JPEG_QUALITY=78", "PHOTOMETRIC=YCBCR",
                                   "INTERLEAVE=PIXEL", NULL };
  int levels[] = { 2, 4, 8, 16 };
  int bands[] = { 1 };
  char *wkt = NULL;
  GDALDatasetH mem, ds;
  GDALDriverH gtiff;
  int band_map[] = { 1, 2, 3 };

  /* Rasterize the 2024 land use into class indices. */
  mem = GDALCreate (GDALGetDriverByName ("MEM"), "", size, size, 1, GDT_Byte, NULL);
  GDALSetGeoTransform (mem, gt);
  /* Outside the province (Hồ Chí Minh City across the Sài Gòn): orchards;
   * the rivers are burnt over everything at their full width. */
  GDALFillRaster (GDALGetRasterBand (mem, 1), pv_gen_land_use_index ("CLN") + 1, 0);
  for (guint i = 0; i < sample->carvers->len; i++)
    {
      const Carver *carver = g_ptr_array_index (sample->carvers, i);
      double index = pv_gen_land_use_index (carver->code) + 1;

      if (g_str_equal (carver->code, "SON"))
        {
          g_ptr_array_add (sample->ortho_geoms, OGR_G_Clone (carver->buffer));
          g_array_append_val (sample->ortho_classes, index);
        }
    }
  if (GDALRasterizeGeometries (mem, 1, bands, sample->ortho_geoms->len,
                               (OGRGeometryH *) sample->ortho_geoms->pdata, NULL, NULL,
                               (double *) (void *) sample->ortho_classes->data, NULL, NULL, NULL)
      != CE_None ||
      GDALRasterIO (GDALGetRasterBand (mem, 1), GF_Read, 0, 0, size, size, classes, size, size,
                    GDT_Byte, 0, 0) != CE_None)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot rasterize the ortho: %s",
                   CPLGetLastErrorMsg ());
      GDALClose (mem);
      return FALSE;
    }
  GDALClose (mem);

  for (int j = 0; j < size; j++)
    for (int i = 0; i < size; i++)
      {
        gsize p = (gsize) j * size + i;
        double x = gt[0] + (i + 0.5) * ORTHO_RES, y = gt[3] - (j + 0.5) * ORTHO_RES;
        const char *code = classes[p] ? pv_gen_land_use_nth (classes[p] - 1)->code : "SON";
        double c[3];

        texture (code, x, y, i, j, c);
        for (int k = 0; k < 3; k++)
          rgb[3 * p + k] = (guint8) CLAMP (lround (c[k]), 0, 255);
      }

  gtiff = GDALGetDriverByName ("GTiff");
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    GDALDeleteDataset (gtiff, path);
  ds = GDALCreate (gtiff, path, size, size, 3, GDT_Byte, (char **) create_options);
  if (ds == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot create: %s", path,
                   CPLGetLastErrorMsg ());
      return FALSE;
    }
  GDALSetGeoTransform (ds, gt);
  OSRExportToWkt (sample->model->crs.tm3, &wkt);
  GDALSetProjection (ds, wkt);
  CPLFree (wkt);
  if (GDALDatasetRasterIO (ds, GF_Write, 0, 0, size, size, rgb, size, size, GDT_Byte, 3,
                           band_map, 3, (GSpacing) size * 3, 1) != CE_None)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot write: %s", path,
                   CPLGetLastErrorMsg ());
      GDALClose (ds);
      return FALSE;
    }
  CPLSetConfigOption ("COMPRESS_OVERVIEW", "JPEG");
  CPLSetConfigOption ("PHOTOMETRIC_OVERVIEW", "YCBCR");
  CPLSetConfigOption ("INTERLEAVE_OVERVIEW", "PIXEL");
  CPLSetConfigOption ("JPEG_QUALITY_OVERVIEW", "78");
  if (GDALBuildOverviews (ds, "AVERAGE", G_N_ELEMENTS (levels), levels, 0, NULL, NULL, NULL)
      != CE_None)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot build overviews: %s", path,
                   CPLGetLastErrorMsg ());
      GDALClose (ds);
      return FALSE;
    }
  GDALClose (ds);
  g_print ("ortho_thu_dau_mot.tif: %d × %d px at %.0f m\n", size, size, ORTHO_RES);
  return TRUE;
}

/* ---- project ------------------------------------------------------------ */

static void
json_string (GString    *out,
             const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The slides of the sample: the province, central Thủ Dầu Một over the
 * orthophoto, and the current land use for comparison. */
static void
write_bookmarks (GString      *out,
                 const Sample *sample,
                 const double *view)
{
  static const char *province_layers[] = {
    "quy_hoach_2030.shp", "districts.shp", "rivers.shp", "roads.shp", "poi.geojson", NULL
  };
  static const char *centre_layers[] = {
    "ortho_thu_dau_mot.tif", "quy_hoach_2030.shp", "districts.shp", "rivers.shp", "roads.shp", "poi.geojson", NULL
  };
  static const char *current_layers[] = {
    "hien_trang_2024.shp", "districts.shp", "rivers.shp", "roads.shp", NULL
  };
  const struct
  {
    const char *name, *subtitle, *notes;
    const double *extent;
    const char * const *layers;
  } bookmarks[] = {
    { "Toàn tỉnh Bình Dương", "Quy hoạch sử dụng đất đến năm 2030",
      "Năm huyện phía bắc và các thành phố phía nam; đất trồng cây lâu năm chiếm phần lớn diện tích.",
      view, province_layers },
    { "Trung tâm Thủ Dầu Một", "Ảnh trực giao và quy hoạch",
      "Đất ở đô thị dày đặc quanh trung tâm hành chính; đối chiếu quy hoạch với ảnh.",
      sample->ortho, centre_layers },
    { "Hiện trạng sử dụng đất 2024", "Để so sánh với quy hoạch 2030",
      "Cùng phạm vi toàn tỉnh; chuyển sang trang trước để so sánh.",
      view, current_layers },
  };
  char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "  \"bookmarks\": [\n");
  for (guint i = 0; i < G_N_ELEMENTS (bookmarks); i++)
    {
      g_string_append (out, "    {\"name\": ");
      json_string (out, bookmarks[i].name);
      g_string_append (out, ", \"subtitle\": ");
      json_string (out, bookmarks[i].subtitle);
      g_string_append (out, ",\n     \"notes\": ");
      json_string (out, bookmarks[i].notes);
      g_string_append_printf (out, ",\n     \"crs\": \"EPSG:9210\", \"extent\": [%s, %s, %s, %s],\n     \"layers\": [",
                              g_ascii_formatd (buf[0], sizeof buf[0], "%.0f", bookmarks[i].extent[0]),
                              g_ascii_formatd (buf[1], sizeof buf[1], "%.0f", bookmarks[i].extent[1]),
                              g_ascii_formatd (buf[2], sizeof buf[2], "%.0f", bookmarks[i].extent[2]),
                              g_ascii_formatd (buf[3], sizeof buf[3], "%.0f", bookmarks[i].extent[3]));
      for (guint l = 0; bookmarks[i].layers[l] != NULL; l++)
        {
          g_string_append (out, l > 0 ? ", {\"source\": " : "{\"source\": ");
          json_string (out, bookmarks[i].layers[l]);
          g_string_append (out, ", \"layer\": null, \"sublayer\": null}");
        }
      g_string_append (out, i + 1 < G_N_ELEMENTS (bookmarks) ? "]},\n" : "]}\n");
    }
  g_string_append (out, "  ],\n");
}

static gboolean
write_project (Sample      *sample,
               const char  *dir,
               GError     **error)
{
  static const struct
  {
    const char *name, *source, *color;
    gboolean visible;
    double opacity;
    double fill_opacity;
    const char *extra;  /* more members (style, labels), as JSON */
  } layers[] = {
    { "Ảnh trực giao Thủ Dầu Một", "ortho_thu_dau_mot.tif", NULL, TRUE, 1.0, 1.0, NULL },
    { "Hiện trạng sử dụng đất 2024", "hien_trang_2024.shp", NULL, FALSE, 0.8, 1.0, NULL },
    /* Zone codes only where parcels are big enough to read them. */
    { "Quy hoạch sử dụng đất 2021–2030", "quy_hoach_2030.shp", NULL, TRUE, 0.7, 1.0,
      "\"labels\": {\"text\": \"ma_sdd\", \"size\": 7, \"priority\": 3, \"max_scale\": 30000}" },
    /* Boundaries over zoning: outlines only, so the zoning shows through. */
    { "Ranh giới hành chính cấp huyện", "districts.shp", "#7b2d8b", TRUE, 1.0, 0.0,
      "\"labels\": {\"text\": \"ten\", \"size\": 11, \"bold\": true, \"priority\": 9}" },
    { "Sông, suối", "rivers.shp", "#2b7bd6", TRUE, 1.0, 1.0, NULL },
    /* Roads as on a road map: a line over a white casing, names along them. */
    { "Giao thông", "roads.shp", "#c0392b", TRUE, 1.0, 1.0,
      "\"style\": {\"type\": \"single\", \"classes\": [{\"color\": \"#c0392b\", \"line_width\": 0.7, "
      "\"casing\": \"#ffffff\", \"casing_width\": 0.25}]}, "
      "\"labels\": {\"text\": \"ten\", \"size\": 8, \"priority\": 6, \"max_scale\": 100000}" },
    { "Điểm quan tâm", "poi.geojson", "#e67e22", TRUE, 1.0, 1.0,
      "\"style\": {\"type\": \"single\", \"classes\": [{\"color\": \"#e67e22\", \"marker\": \"star\", "
      "\"marker_size\": 3.5}]}, "
      "\"labels\": {\"text\": \"ten\", \"size\": 8, \"priority\": 7, \"max_scale\": 60000}" },
  };
  PvGenModel *model = sample->model;
  g_autoptr(GString) out = g_string_new ("{\n");
  g_autofree char *path = g_build_filename (dir, "binh-duong.pvproj", NULL);
  double margin = 2000.0;
  double view[4];
  char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "  \"planviewer_project\": 1,\n  \"title\": ");
  json_string (out, "Bình Dương — quy hoạch sử dụng đất (dữ liệu mẫu)");
  g_string_append (out, ",\n  \"crs\": \"EPSG:9210\",\n");
  view[0] = floor ((model->xmin - margin) / 1000) * 1000;
  view[1] = floor ((model->ymin - margin) / 1000) * 1000;
  view[2] = ceil ((model->xmax + margin) / 1000) * 1000;
  view[3] = ceil ((model->ymax + margin) / 1000) * 1000;
  g_string_append_printf (out, "  \"view\": {\"extent\": [%s, %s, %s, %s]},\n",
                          g_ascii_formatd (buf[0], sizeof buf[0], "%.0f", view[0]),
                          g_ascii_formatd (buf[1], sizeof buf[1], "%.0f", view[1]),
                          g_ascii_formatd (buf[2], sizeof buf[2], "%.0f", view[2]),
                          g_ascii_formatd (buf[3], sizeof buf[3], "%.0f", view[3]));
  g_string_append (out, "  \"layers\": [\n");
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      g_string_append (out, "    {\"name\": ");
      json_string (out, layers[i].name);
      g_string_append (out, ", \"source\": ");
      json_string (out, layers[i].source);
      g_string_append_printf (out, ", \"layer\": null, \"visible\": %s, \"opacity\": %s",
                              layers[i].visible ? "true" : "false",
                              g_ascii_formatd (buf[0], sizeof buf[0], "%.1f", layers[i].opacity));
      if (layers[i].fill_opacity < 1.0)
        g_string_append_printf (out, ", \"fill_opacity\": %s",
                                g_ascii_formatd (buf[1], sizeof buf[1], "%.1f", layers[i].fill_opacity));
      if (layers[i].color)
        {
          g_string_append (out, ", \"color\": ");
          json_string (out, layers[i].color);
        }
      if (layers[i].extra)
        g_string_append_printf (out, ",\n     %s", layers[i].extra);
      g_string_append (out, i + 1 < G_N_ELEMENTS (layers) ? "},\n" : "}\n");
    }
  g_string_append (out, "  ],\n");
  write_bookmarks (out, sample, view);
  /* A template for the A3 maps the planning office prints. */
  g_string_append (out, "  \"layouts\": [\n"
                   "    {\"name\": \"A3 ngang — quy hoạch\", \"paper\": \"A3\", \"landscape\": true, "
                   "\"margin_mm\": 10, \"dpi\": 300, \"scale\": 0,\n"
                   "     \"title\": \"Quy hoạch sử dụng đất tỉnh Bình Dương đến năm 2030\", "
                   "\"subtitle\": \"Dữ liệu mẫu tổng hợp\",\n"
                   "     \"organisation\": \"ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG\", \"author\": \"\", \"date\": \"\", "
                   "\"notes\": \"\",\n"
                   "     \"attribution\": \"Dữ liệu tổng hợp, không dùng cho pháp lý\", \"logo_path\": \"\",\n"
                   "     \"show_legend\": true, \"show_scale_bar\": true, \"show_north_arrow\": true, "
                   "\"show_grid\": true, \"show_graticule\": false, \"show_landuse_table\": true, "
                   "\"grid_interval\": 0}\n"
                   "  ]\n}\n");
  return g_file_set_contents (path, out->str, out->len, error);
}

/* ---- driver ------------------------------------------------------------- */

gboolean
pv_gen_write_sample (const char  *dir,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Sample sample = { 0 };
  double ox, oy;
  gboolean ok = FALSE;

  if (!(sample.model = pv_gen_model_new (error)))
    return FALSE;
  sample.cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  sample.pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  sample.carvers = g_ptr_array_new_with_free_func (carver_free);
  sample.ortho_geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_G_DestroyGeometry);
  sample.ortho_classes = g_array_new (FALSE, FALSE, sizeof (double));

  /* 6 km × 6 km over central Thủ Dầu Một, on a 10 m grid. */
  pv_gen_lonlat_to_tm3 (&sample.model->crs, 106.668, 10.995, &ox, &oy);
  ox = round (ox / 10) * 10, oy = round (oy / 10) * 10;
  sample.ortho[0] = ox - ORTHO_SIZE / 2, sample.ortho[1] = oy - ORTHO_SIZE / 2;
  sample.ortho[2] = ox + ORTHO_SIZE / 2, sample.ortho[3] = oy + ORTHO_SIZE / 2;

  build_cells (&sample);
  g_print ("%u cells, outline %.1f km²\n", sample.cells->len,
           OGR_G_Area (sample.model->outline_geom) / 1e6);
  for (guint i = 0; i < sample.model->rivers->len; i++)
    {
      const PvGenRiver *river = g_ptr_array_index (sample.model->rivers, i);

      g_ptr_array_add (sample.carvers, carver_new ("SON", &river->tm3, river->width, TRUE));
    }
  for (guint i = 0; i < sample.model->roads->len; i++)
    {
      const PvGenRoad *road = g_ptr_array_index (sample.model->roads, i);

      g_ptr_array_add (sample.carvers, carver_new ("DGT", &road->tm3, road->width,
                                                   g_str_equal (road->status, "hiện hữu")));
    }

  if (write_districts (&sample, dir, error) &&
      split_cells (&sample, error) &&
      write_land_use (&sample, dir, "hien_trang_2024", FALSE, error) &&
      write_land_use (&sample, dir, "quy_hoach_2030", TRUE, error) &&
      write_rivers (&sample, dir, error) &&
      write_roads (&sample, dir, error) &&
      write_poi (&sample, dir, error) &&
      write_ortho (&sample, dir, error) &&
      write_project (&sample, dir, error))
    ok = TRUE;

  for (guint i = 0; i < sample.pieces->len; i++)
    OGR_G_DestroyGeometry (g_array_index (sample.pieces, Piece, i).polygon);
  g_array_unref (sample.pieces);
  g_array_unref (sample.cells);
  g_ptr_array_unref (sample.carvers);
  g_ptr_array_unref (sample.ortho_geoms);
  g_array_unref (sample.ortho_classes);
  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    g_clear_pointer (&sample.district_geoms[d], OGR_G_DestroyGeometry);
  pv_gen_model_free (sample.model);
  return ok;
}
