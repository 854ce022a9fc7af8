/* pv-gen-model.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A synthetic but plausible Bình Dương: a province outline bounded by the
 * Sài Gòn (west), sông Bé and Đồng Nai (east) rivers, nine districts fitted
 * to their official areas around their real centroids, roads, industrial
 * parks, urban centres, and a land-use model built on them. Positions are
 * approximate (hand-placed from public maps at province scale); nothing is
 * copied from real data sets. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pv-gen.h"

#define SEED_MODEL 20240601u

/* ---- lines -------------------------------------------------------------- */

static void
line_clear (PvGenLine *line)
{
  g_clear_pointer (&line->xy, g_free);
  line->n = 0;
}

/* Catmull-Rom through the control points, sampled every @step metres, then
 * displaced sideways by fractal noise (meanders), tapered to zero at both
 * ends so that junctions stay exactly where the control points say. */
static PvGenLine
build_line (const double *ctrl,
            guint         n_ctrl,
            double        step,
            double        amplitude,
            double        wavelength,
            guint32       seed)
{
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *s = NULL;
  PvGenLine line = { NULL, 0 };
  double *xy, length;
  guint n;

  g_assert (n_ctrl >= 2);
  for (guint i = 0; i + 1 < n_ctrl; i++)
    {
      const double *p0 = &ctrl[2 * (i > 0 ? i - 1 : i)];
      const double *p1 = &ctrl[2 * i];
      const double *p2 = &ctrl[2 * (i + 1)];
      const double *p3 = &ctrl[2 * (i + 2 < n_ctrl ? i + 2 : i + 1)];
      double seg = hypot (p2[0] - p1[0], p2[1] - p1[1]);
      guint k = MAX (1, (guint) ceil (seg / step));

      for (guint j = 0; j < k; j++)
        {
          double t = (double) j / k, t2 = t * t, t3 = t2 * t;
          double v[2];

          for (int c = 0; c < 2; c++)
            v[c] = 0.5 * ((2 * p1[c]) + (-p0[c] + p2[c]) * t
                          + (2 * p0[c] - 5 * p1[c] + 4 * p2[c] - p3[c]) * t2
                          + (-p0[c] + 3 * p1[c] - 3 * p2[c] + p3[c]) * t3);
          g_array_append_vals (pts, v, 2);
        }
    }
  g_array_append_vals (pts, &ctrl[2 * (n_ctrl - 1)], 2);

  n = pts->len / 2;
  xy = (double *) (void *) pts->data;
  s = g_new0 (double, n);
  for (guint i = 1; i < n; i++)
    s[i] = s[i - 1] + hypot (xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]);
  length = s[n - 1];

  line.n = n;
  line.xy = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      guint a = i > 0 ? i - 1 : i, b = i + 1 < n ? i + 1 : i;
      double tx = xy[2 * b] - xy[2 * a], ty = xy[2 * b + 1] - xy[2 * a + 1];
      double norm = hypot (tx, ty), offset = 0.0;
      double taper = MIN (1.0, MIN (s[i], length - s[i]) / (2.0 * wavelength));

      if (amplitude > 0 && norm > 0)
        offset = amplitude * taper * pv_gen_fbm (s[i] / wavelength, 0.37 * seed, 3, seed);
      line.xy[2 * i] = xy[2 * i] + (norm > 0 ? -ty / norm * offset : 0);
      line.xy[2 * i + 1] = xy[2 * i + 1] + (norm > 0 ? tx / norm * offset : 0);
    }
  return line;
}

static double *
lonlat_ctrl (PvGenCrs     *crs,
             const double *lonlat,
             guint         n)
{
  double *ctrl = g_new (double, 2 * n);

  for (guint i = 0; i < n; i++)
    pv_gen_lonlat_to_tm3 (crs, lonlat[2 * i], lonlat[2 * i + 1], &ctrl[2 * i], &ctrl[2 * i + 1]);
  return ctrl;
}

static guint
nearest_vertex (const PvGenLine *line,
                double           x,
                double           y)
{
  guint best = 0;
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; i < line->n; i++)
    {
      double d = hypot (line->xy[2 * i] - x, line->xy[2 * i + 1] - y);

      if (d < best_d)
        best_d = d, best = i;
    }
  return best;
}

double
pv_gen_line_distance (const PvGenLine *line,
                      double           x,
                      double           y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i + 1 < line->n; i++)
    {
      double ax = line->xy[2 * i], ay = line->xy[2 * i + 1];
      double bx = line->xy[2 * i + 2], by = line->xy[2 * i + 3];
      double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, t = 0.0, d2;

      if (len2 > 0)
        t = CLAMP (((x - ax) * dx + (y - ay) * dy) / len2, 0.0, 1.0);
      d2 = (ax + t * dx - x) * (ax + t * dx - x) + (ay + t * dy - y) * (ay + t * dy - y);
      best = MIN (best, d2);
    }
  return sqrt (best);
}

OGRGeometryH
pv_gen_line_to_geometry (const PvGenLine *line)
{
  OGRGeometryH g = OGR_G_CreateGeometry (wkbLineString);

  for (guint i = 0; i < line->n; i++)
    OGR_G_AddPoint_2D (g, line->xy[2 * i], line->xy[2 * i + 1]);
  return g;
}

static void
append_range (GArray          *ring,
              const PvGenLine *line,
              guint            from,
              guint            to)
{
  if (from <= to)
    for (guint i = from; i <= to; i++)
      g_array_append_vals (ring, &line->xy[2 * i], 2);
  else
    for (guint i = from + 1; i-- > to;)
      g_array_append_vals (ring, &line->xy[2 * i], 2);
}

static gboolean
ring_contains (const PvGenLine *ring,
               double           x,
               double           y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = ring->n - 1; i < ring->n; j = i++)
    {
      double xi = ring->xy[2 * i], yi = ring->xy[2 * i + 1];
      double xj = ring->xy[2 * j], yj = ring->xy[2 * j + 1];

      if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi))
        inside = !inside;
    }
  return inside;
}

/* ---- the data ----------------------------------------------------------- */

/* Rivers, lon/lat control points. The province border follows them. */
static const double saigon_ll[] = {       /* downstream (HCMC) → Dầu Tiếng dam */
  106.716, 10.845, 106.704, 10.872, 106.692, 10.897, 106.676, 10.934, 106.654, 10.962,
  106.631, 10.999, 106.602, 11.034, 106.561, 11.061, 106.512, 11.094, 106.471, 11.139,
  106.430, 11.184, 106.392, 11.224, 106.362, 11.268, 106.346, 11.309, 106.336, 11.346,
};
static const double dongnai_ll[] = {      /* upstream (Trị An) → Biên Hòa */
  106.998, 11.142, 106.972, 11.128, 106.951, 11.119, 106.926, 11.086, 106.901, 11.051,
  106.881, 11.011, 106.861, 10.976, 106.840, 10.946, 106.818, 10.923, 106.801, 10.905,
  106.815, 10.881, 106.842, 10.862,
};
static const double be_ll[] = {           /* Bình Phước → confluence */
  106.833, 11.515, 106.838, 11.445, 106.842, 11.392, 106.858, 11.350, 106.872, 11.300,
  106.890, 11.250, 106.915, 11.205, 106.950, 11.160, 106.951, 11.119,
};
static const double thitinh_ll[] = {      /* Bàu Bàng → Sài Gòn */
  106.612, 11.345, 106.617, 11.290, 106.603, 11.232, 106.589, 11.181, 106.598, 11.131,
  106.606, 11.091, 106.598, 11.045,
};
static const double suoicai_ll[] = {      /* Phú Giáo → Đồng Nai */
  106.805, 11.262, 106.792, 11.205, 106.782, 11.140, 106.800, 11.085, 106.835, 11.040,
  106.880, 11.012,
};

/* Borders that follow no river. */
static const double north_ll[] = {
  106.336, 11.346, 106.338, 11.376, 106.362, 11.419, 106.405, 11.451, 106.450, 11.451,
  106.500, 11.459, 106.560, 11.475, 106.610, 11.459, 106.650, 11.437, 106.690, 11.421,
  106.735, 11.413, 106.780, 11.401, 106.815, 11.386, 106.842, 11.392,
};
static const double south_ll[] = {
  106.801, 10.905, 106.786, 10.886, 106.765, 10.873, 106.740, 10.867, 106.718, 10.871,
  106.701, 10.882, 106.692, 10.897,
};

static const struct
{
  const char *name, *code, *type;
  double lat, lon, area;
} district_data[PV_GEN_N_DISTRICTS] = {
  { "Thành phố Thủ Dầu Một", "718", "thành phố", 11.022, 106.665, 118.67 },
  { "Huyện Bàu Bàng", "719", "huyện", 11.264, 106.606, 339.0 },
  { "Huyện Dầu Tiếng", "720", "huyện", 11.327, 106.454, 723.9 },
  { "Thành phố Bến Cát", "721", "thành phố", 11.115, 106.607, 234.35 },
  { "Huyện Phú Giáo", "722", "huyện", 11.315, 106.787, 546.1 },
  { "Thành phố Tân Uyên", "723", "thành phố", 11.063, 106.752, 192.0 },
  { "Thành phố Dĩ An", "724", "thành phố", 10.908, 106.777, 60.1 },
  { "Thành phố Thuận An", "725", "thành phố", 10.936, 106.710, 83.71 },
  { "Huyện Bắc Tân Uyên", "726", "huyện", 11.141, 106.849, 400.0 },
};

static const struct
{
  const char *name, *cls, *status;
  double width;
  const double *ll;
  guint n;
} road_data[] = {
#define LL(...) (const double[]) { __VA_ARGS__ }, sizeof ((const double[]) { __VA_ARGS__ }) / sizeof (double) / 2
  { "Quốc lộ 13 (Đại lộ Bình Dương)", "quốc lộ", "hiện hữu", 50,
    LL (106.712, 10.852, 106.705, 10.900, 106.690, 10.940, 106.670, 10.975, 106.660, 11.010,
        106.645, 11.060, 106.622, 11.110, 106.607, 11.150, 106.613, 11.200, 106.625, 11.260,
        106.632, 11.330, 106.640, 11.420, 106.648, 11.515) },
  { "Quốc lộ 1K", "quốc lộ", "hiện hữu", 30,
    LL (106.742, 10.862, 106.772, 10.884, 106.803, 10.904, 106.835, 10.922) },
  { "Đường Mỹ Phước – Tân Vạn", "đường tỉnh", "hiện hữu", 40,
    LL (106.803, 10.904, 106.770, 10.925, 106.735, 10.955, 106.706, 10.990, 106.686, 11.030,
        106.662, 11.075, 106.636, 11.120, 106.612, 11.158) },
  { "Đường tỉnh 741", "đường tỉnh", "hiện hữu", 26,
    LL (106.668, 10.992, 106.700, 11.030, 106.726, 11.080, 106.751, 11.140, 106.776, 11.200,
        106.796, 11.260, 106.806, 11.300, 106.821, 11.380, 106.841, 11.455, 106.850, 11.510) },
  { "Đường tỉnh 744", "đường tỉnh", "hiện hữu", 20,
    LL (106.641, 11.020, 106.621, 11.042, 106.576, 11.090, 106.531, 11.135, 106.486, 11.180,
        106.441, 11.225, 106.396, 11.262, 106.372, 11.285) },
  { "Đường tỉnh 743", "đường tỉnh", "hiện hữu", 20,
    LL (106.722, 10.868, 106.735, 10.920, 106.751, 10.960, 106.766, 11.010, 106.786, 11.062) },
  { "Đường tỉnh 746", "đường tỉnh", "hiện hữu", 16,
    LL (106.786, 11.062, 106.821, 11.090, 106.861, 11.121, 106.900, 11.142, 106.938, 11.165) },
  { "Đường tỉnh 747", "đường tỉnh", "hiện hữu", 16,
    LL (106.726, 11.000, 106.760, 11.030, 106.790, 11.055, 106.831, 11.063) },
  { "Đường tỉnh 742", "đường tỉnh", "hiện hữu", 16,
    LL (106.651, 11.031, 106.690, 11.080, 106.720, 11.131, 106.741, 11.200, 106.752, 11.260) },
  { "Đường tỉnh 748", "đường tỉnh", "hiện hữu", 12,
    LL (106.481, 11.222, 106.540, 11.190, 106.607, 11.150) },
  { "Đường tỉnh 749A", "đường tỉnh", "hiện hữu", 12,
    LL (106.372, 11.285, 106.421, 11.330, 106.471, 11.380, 106.511, 11.440, 106.541, 11.492) },
  { "Đường tỉnh 750", "đường tỉnh", "hiện hữu", 12,
    LL (106.372, 11.285, 106.451, 11.301, 106.531, 11.291, 106.601, 11.276, 106.626, 11.266) },
  { "Đường tỉnh 741 – Phước Vĩnh – Bàu Bàng", "đường tỉnh", "hiện hữu", 12,
    LL (106.632, 11.300, 106.700, 11.300, 106.760, 11.292, 106.802, 11.288) },
  { "Đường Cách Mạng Tháng Tám", "đường đô thị", "hiện hữu", 22,
    LL (106.690, 10.905, 106.675, 10.935, 106.661, 10.962, 106.652, 10.985, 106.650, 11.010) },
  { "Đường Huỳnh Văn Lũy", "đường đô thị", "hiện hữu", 26,
    LL (106.664, 10.996, 106.680, 11.030, 106.690, 11.060) },
  { "Đường Phú Lợi", "đường đô thị", "hiện hữu", 24,
    LL (106.652, 10.985, 106.672, 10.980, 106.690, 10.974, 106.720, 10.960) },
  { "Đại lộ Hùng Vương", "đường đô thị", "hiện hữu", 40,
    LL (106.662, 11.048, 106.680, 11.052, 106.700, 11.058, 106.722, 11.064) },
  { "Đại lộ Lê Lợi", "đường đô thị", "hiện hữu", 30,
    LL (106.676, 11.030, 106.680, 11.052, 106.684, 11.075) },
  { "Đường Nguyễn Văn Tiết", "đường đô thị", "hiện hữu", 18,
    LL (106.690, 10.905, 106.704, 10.926, 106.716, 10.944) },
  { "Đường GS1", "đường đô thị", "hiện hữu", 20,
    LL (106.748, 10.885, 106.762, 10.902, 106.781, 10.918) },
  { "Đường Vành đai 3", "vành đai", "quy hoạch", 60,
    LL (106.816, 10.893, 106.772, 10.934, 106.731, 10.960, 106.691, 10.958, 106.648, 10.948) },
  { "Đường Vành đai 4", "vành đai", "quy hoạch", 60,
    LL (106.512, 11.085, 106.581, 11.121, 106.651, 11.133, 106.721, 11.124, 106.801, 11.101,
        106.881, 11.071, 106.925, 11.062) },
  { "Cao tốc TP. Hồ Chí Minh – Thủ Dầu Một – Chơn Thành", "cao tốc", "quy hoạch", 60,
    LL (106.738, 10.860, 106.734, 10.940, 106.716, 11.010, 106.691, 11.090, 106.666, 11.170,
        106.661, 11.260, 106.666, 11.350, 106.672, 11.512) },
#undef LL
};

static const struct
{
  const char *name;
  double lat, lon, rx, ry, angle_deg;
  gboolean planned;
} park_data[] = {
  { "KCN Việt Nam – Singapore (VSIP I)", 10.922, 106.718, 1200, 900, 20, FALSE },
  { "KCN Sóng Thần 1", 10.893, 106.758, 800, 550, 35, FALSE },
  { "KCN Sóng Thần 2", 10.917, 106.750, 900, 650, 35, FALSE },
  { "KCN Đồng An", 10.943, 106.734, 700, 500, 0, FALSE },
  { "KCN Tân Đông Hiệp", 10.917, 106.790, 700, 500, 10, FALSE },
  { "KCN Việt Nam – Singapore II (VSIP II)", 11.078, 106.696, 1900, 1300, -30, FALSE },
  { "KCN Nam Tân Uyên", 11.043, 106.737, 1300, 900, 15, FALSE },
  { "KCN VSIP II-A", 11.110, 106.727, 1800, 1400, -20, FALSE },
  { "KCN Mỹ Phước", 11.128, 106.596, 1100, 2600, 10, FALSE },
  { "KCN Mỹ Phước 3", 11.178, 106.586, 1400, 1500, 0, FALSE },
  { "KCN Rạch Bắp", 11.140, 106.540, 1000, 800, 30, FALSE },
  { "KCN Bàu Bàng", 11.253, 106.643, 2000, 1600, 0, FALSE },
  { "KCN Đất Cuốc", 11.150, 106.832, 1100, 900, 0, FALSE },
  { "KCN Cây Trường", 11.310, 106.662, 2000, 1500, 10, TRUE },
  { "KCN Lai Hưng", 11.208, 106.634, 1200, 1000, 0, TRUE },
  { "KCN VSIP III", 11.168, 106.773, 2200, 1600, -15, TRUE },
  { "KCN Tân Lập", 11.205, 106.880, 1300, 1000, 20, TRUE },
  { "KCN An Lập", 11.262, 106.478, 1500, 1000, -25, TRUE },
  { "KCN Phú Giáo", 11.330, 106.791, 1200, 900, 0, TRUE },
};

static const struct
{
  double lat, lon, radius, growth, weight;
} centre_data[] = {
  { 10.981, 106.654, 3600, 1.30, 1.00 },   /* Thủ Dầu Một, old centre */
  { 11.055, 106.688, 2300, 1.60, 0.90 },   /* Thành phố mới Bình Dương */
  { 10.905, 106.702, 3200, 1.35, 1.00 },   /* Thuận An, Lái Thiêu */
  { 10.905, 106.770, 3600, 1.30, 1.00 },   /* Dĩ An */
  { 11.065, 106.790, 2200, 1.50, 0.80 },   /* Tân Uyên, Uyên Hưng */
  { 10.990, 106.730, 2600, 1.50, 0.85 },   /* Tân Phước Khánh */
  { 11.150, 106.606, 2300, 1.50, 0.80 },   /* Bến Cát, Mỹ Phước */
  { 11.270, 106.630, 1300, 1.60, 0.65 },   /* Lai Uyên, Bàu Bàng */
  { 11.290, 106.800, 1300, 1.40, 0.65 },   /* Phước Vĩnh, Phú Giáo */
  { 11.278, 106.368, 1300, 1.30, 0.65 },   /* Dầu Tiếng town */
  { 11.140, 106.858, 1000, 1.60, 0.60 },   /* Tân Thành, Bắc Tân Uyên */
};

/* ---- building the model ------------------------------------------------- */

static PvGenRiver *
add_river (PvGenModel   *model,
           const char   *name,
           double        width,
           const double *ll,
           guint         n,
           double        amplitude,
           double        wavelength,
           guint32       seed,
           const double *snap_end)
{
  g_autofree double *ctrl = lonlat_ctrl (&model->crs, ll, n);
  PvGenRiver *river = g_new0 (PvGenRiver, 1);

  if (snap_end)
    memcpy (&ctrl[2 * (n - 1)], snap_end, 2 * sizeof (double));
  river->name = name;
  river->width = width;
  river->tm3 = build_line (ctrl, n, 60.0, amplitude, wavelength, seed);
  g_ptr_array_add (model->rivers, river);
  return river;
}

static void
river_free (gpointer data)
{
  PvGenRiver *river = data;

  line_clear (&river->tm3);
  g_free (river);
}

static void
road_free (gpointer data)
{
  PvGenRoad *road = data;

  line_clear (&road->tm3);
  line_clear (&road->utm48);
  line_clear (&road->lonlat);
  g_free (road);
}

static PvGenLine
border_line (PvGenModel   *model,
             const double *ll,
             guint         n,
             const double *start,
             const double *end,
             guint32       seed)
{
  g_autofree double *ctrl = lonlat_ctrl (&model->crs, ll, n);

  memcpy (&ctrl[0], start, 2 * sizeof (double));
  memcpy (&ctrl[2 * (n - 1)], end, 2 * sizeof (double));
  return build_line (ctrl, n, 80.0, 350.0, 1800.0, seed);
}

static void
build_outline (PvGenModel *model,
               PvGenRiver *saigon,
               PvGenRiver *dongnai,
               PvGenRiver *be)
{
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (double));
  PvGenLine north, south;
  double jx, jy;
  guint sg_sw, sg_nw, be_ne, be_conf, dn_conf, dn_se;
  OGRGeometryH lr;

  pv_gen_lonlat_to_tm3 (&model->crs, 106.692, 10.897, &jx, &jy);
  sg_sw = nearest_vertex (&saigon->tm3, jx, jy);
  sg_nw = saigon->tm3.n - 1;
  pv_gen_lonlat_to_tm3 (&model->crs, 106.842, 11.392, &jx, &jy);
  be_ne = nearest_vertex (&be->tm3, jx, jy);
  be_conf = be->tm3.n - 1;
  dn_conf = nearest_vertex (&dongnai->tm3, be->tm3.xy[2 * be_conf], be->tm3.xy[2 * be_conf + 1]);
  pv_gen_lonlat_to_tm3 (&model->crs, 106.801, 10.905, &jx, &jy);
  dn_se = nearest_vertex (&dongnai->tm3, jx, jy);

  north = border_line (model, north_ll, G_N_ELEMENTS (north_ll) / 2,
                       &saigon->tm3.xy[2 * sg_nw], &be->tm3.xy[2 * be_ne], SEED_MODEL + 11);
  south = border_line (model, south_ll, G_N_ELEMENTS (south_ll) / 2,
                       &dongnai->tm3.xy[2 * dn_se], &saigon->tm3.xy[2 * sg_sw], SEED_MODEL + 12);

  append_range (ring, &saigon->tm3, sg_sw, sg_nw);
  append_range (ring, &north, 1, north.n - 1);
  append_range (ring, &be->tm3, be_ne + 1, be_conf);
  append_range (ring, &dongnai->tm3, dn_conf + 1, dn_se);
  append_range (ring, &south, 1, south.n - 1);   /* ends on the first point */
  line_clear (&north);
  line_clear (&south);

  model->outline.n = ring->len / 2;
  model->outline.xy = (double *) (void *) g_array_free (g_steal_pointer (&ring), FALSE);

  lr = OGR_G_CreateGeometry (wkbLinearRing);
  model->xmin = model->ymin = G_MAXDOUBLE;
  model->xmax = model->ymax = -G_MAXDOUBLE;
  for (guint i = 0; i < model->outline.n; i++)
    {
      double x = model->outline.xy[2 * i], y = model->outline.xy[2 * i + 1];

      OGR_G_AddPoint_2D (lr, x, y);
      model->xmin = MIN (model->xmin, x), model->xmax = MAX (model->xmax, x);
      model->ymin = MIN (model->ymin, y), model->ymax = MAX (model->ymax, y);
    }
  model->outline_geom = OGR_G_CreateGeometry (wkbPolygon);
  OGR_G_AddGeometryDirectly (model->outline_geom, lr);
  if (!OGR_G_IsValid (model->outline_geom))
    {
      OGRGeometryH fixed = OGR_G_Buffer (model->outline_geom, 0.0, 8);

      g_warning ("the province outline self-intersects; repaired with a zero buffer");
      OGR_G_DestroyGeometry (model->outline_geom);
      model->outline_geom = fixed;
    }
}

static double
district_noise (double  x,
                double  y,
                int     i)
{
  return 3.0e7 * pv_gen_fbm (x / 9000.0, y / 9000.0, 3, SEED_MODEL + 100 + i);
}

/* A power diagram (weighted Voronoi) of the real centroids with noisy
 * boundaries; the weights are fitted so that each district gets its official
 * share of the outline's area. */
static void
fit_districts (PvGenModel *model)
{
  const double step = 300.0;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  double total_target = 0.0, outline_area = OGR_G_Area (model->outline_geom);
  guint n;

  for (double y = model->ymin + step / 2; y < model->ymax; y += step)
    for (double x = model->xmin + step / 2; x < model->xmax; x += step)
      if (ring_contains (&model->outline, x, y))
        {
          double v[2 + PV_GEN_N_DISTRICTS] = { x, y };

          for (int i = 0; i < PV_GEN_N_DISTRICTS; i++)
            v[2 + i] = district_noise (x, y, i);
          g_array_append_vals (samples, v, 2 + PV_GEN_N_DISTRICTS);
        }
  n = samples->len / (2 + PV_GEN_N_DISTRICTS);

  for (int i = 0; i < PV_GEN_N_DISTRICTS; i++)
    total_target += model->districts[i].area_km2;

  for (int iter = 0; iter < 300; iter++)
    {
      double area[PV_GEN_N_DISTRICTS] = { 0 };

      for (guint k = 0; k < n; k++)
        {
          const double *v = &g_array_index (samples, double, k * (2 + PV_GEN_N_DISTRICTS));
          int best = 0;
          double best_score = G_MAXDOUBLE;

          for (int i = 0; i < PV_GEN_N_DISTRICTS; i++)
            {
              const PvGenDistrict *d = &model->districts[i];
              double score = (v[0] - d->cx) * (v[0] - d->cx) + (v[1] - d->cy) * (v[1] - d->cy)
                             - d->weight + v[2 + i];

              if (score < best_score)
                best_score = score, best = i;
            }
          area[best] += step * step;
        }
      for (int i = 0; i < PV_GEN_N_DISTRICTS; i++)
        {
          double target = model->districts[i].area_km2 / total_target * outline_area;

          model->districts[i].weight += 0.2 * (target - area[i]);
        }
    }
}

PvGenModel *
pv_gen_model_new (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  PvGenModel *model = g_new0 (PvGenModel, 1);
  PvGenRiver *saigon, *dongnai, *be;
  double snap[2];
  guint k;

  if (!pv_gen_crs_init (&model->crs, error))
    {
      g_free (model);
      return NULL;
    }
  model->rivers = g_ptr_array_new_with_free_func (river_free);
  model->roads = g_ptr_array_new_with_free_func (road_free);
  model->parks = g_array_new (FALSE, FALSE, sizeof (PvGenPark));
  model->centres = g_array_new (FALSE, FALSE, sizeof (PvGenCentre));

  saigon = add_river (model, "Sông Sài Gòn", 220.0, saigon_ll, G_N_ELEMENTS (saigon_ll) / 2,
                      700.0, 2600.0, SEED_MODEL + 1, NULL);
  dongnai = add_river (model, "Sông Đồng Nai", 300.0, dongnai_ll, G_N_ELEMENTS (dongnai_ll) / 2,
                       500.0, 3000.0, SEED_MODEL + 2, NULL);
  /* sông Bé ends on the Đồng Nai, the Thị Tính on the Sài Gòn. */
  pv_gen_lonlat_to_tm3 (&model->crs, be_ll[G_N_ELEMENTS (be_ll) - 2], be_ll[G_N_ELEMENTS (be_ll) - 1],
                        &snap[0], &snap[1]);
  k = nearest_vertex (&dongnai->tm3, snap[0], snap[1]);
  be = add_river (model, "Sông Bé", 120.0, be_ll, G_N_ELEMENTS (be_ll) / 2,
                  450.0, 2200.0, SEED_MODEL + 3, &dongnai->tm3.xy[2 * k]);
  pv_gen_lonlat_to_tm3 (&model->crs, thitinh_ll[G_N_ELEMENTS (thitinh_ll) - 2],
                        thitinh_ll[G_N_ELEMENTS (thitinh_ll) - 1], &snap[0], &snap[1]);
  k = nearest_vertex (&saigon->tm3, snap[0], snap[1]);
  add_river (model, "Sông Thị Tính", 50.0, thitinh_ll, G_N_ELEMENTS (thitinh_ll) / 2,
             350.0, 1500.0, SEED_MODEL + 4, &saigon->tm3.xy[2 * k]);
  pv_gen_lonlat_to_tm3 (&model->crs, suoicai_ll[G_N_ELEMENTS (suoicai_ll) - 2],
                        suoicai_ll[G_N_ELEMENTS (suoicai_ll) - 1], &snap[0], &snap[1]);
  k = nearest_vertex (&dongnai->tm3, snap[0], snap[1]);
  add_river (model, "Suối Cái", 24.0, suoicai_ll, G_N_ELEMENTS (suoicai_ll) / 2,
             250.0, 1000.0, SEED_MODEL + 5, &dongnai->tm3.xy[2 * k]);

  build_outline (model, saigon, dongnai, be);

  for (int i = 0; i < PV_GEN_N_DISTRICTS; i++)
    {
      PvGenDistrict *d = &model->districts[i];

      d->name = district_data[i].name;
      d->code = district_data[i].code;
      d->type = district_data[i].type;
      d->lat = district_data[i].lat;
      d->lon = district_data[i].lon;
      d->area_km2 = district_data[i].area;
      pv_gen_lonlat_to_tm3 (&model->crs, d->lon, d->lat, &d->cx, &d->cy);
    }
  fit_districts (model);

  for (guint i = 0; i < G_N_ELEMENTS (road_data); i++)
    {
      PvGenRoad *road = g_new0 (PvGenRoad, 1);
      g_autofree double *ctrl = lonlat_ctrl (&model->crs, road_data[i].ll, road_data[i].n);

      road->name = road_data[i].name;
      road->cls = road_data[i].cls;
      road->status = road_data[i].status;
      road->width = road_data[i].width;
      /* Roads are smooth: a spline, a little wobble. */
      road->tm3 = build_line (ctrl, road_data[i].n, 100.0, 40.0, 900.0, SEED_MODEL + 200 + i);
      road->utm48.n = road->tm3.n;
      road->utm48.xy = g_memdup2 (road->tm3.xy, 2 * road->tm3.n * sizeof (double));
      for (guint j = 0; j < road->utm48.n; j++)
        if (!OCTTransform (model->crs.tm3_to_utm48, 1, &road->utm48.xy[2 * j],
                           &road->utm48.xy[2 * j + 1], NULL))
          g_error ("cannot transform a road vertex to UTM 48N");
      g_ptr_array_add (model->roads, road);
    }

  for (guint i = 0; i < G_N_ELEMENTS (park_data); i++)
    {
      PvGenPark park = {
        .name = park_data[i].name,
        .rx = park_data[i].rx,
        .ry = park_data[i].ry,
        .angle = park_data[i].angle_deg * G_PI / 180.0,
        .planned = park_data[i].planned,
      };

      pv_gen_lonlat_to_tm3 (&model->crs, park_data[i].lon, park_data[i].lat, &park.x, &park.y);
      g_array_append_val (model->parks, park);
    }
  for (guint i = 0; i < G_N_ELEMENTS (centre_data); i++)
    {
      PvGenCentre c = {
        .radius = centre_data[i].radius,
        .growth = centre_data[i].growth,
        .weight = centre_data[i].weight,
      };

      pv_gen_lonlat_to_tm3 (&model->crs, centre_data[i].lon, centre_data[i].lat, &c.x, &c.y);
      g_array_append_val (model->centres, c);
    }
  return model;
}

void
pv_gen_model_free (PvGenModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->rivers, g_ptr_array_unref);
  g_clear_pointer (&model->roads, g_ptr_array_unref);
  g_clear_pointer (&model->parks, g_array_unref);
  g_clear_pointer (&model->centres, g_array_unref);
  g_clear_pointer (&model->outline_geom, OGR_G_DestroyGeometry);
  line_clear (&model->outline);
  pv_gen_crs_clear (&model->crs);
  g_free (model);
}

/* ---- queries ------------------------------------------------------------ */

int
pv_gen_model_district_at (PvGenModel *model,
                          double      x,
                          double      y)
{
  int best = 0;
  double best_score = G_MAXDOUBLE;

  for (int i = 0; i < PV_GEN_N_DISTRICTS; i++)
    {
      const PvGenDistrict *d = &model->districts[i];
      double score = (x - d->cx) * (x - d->cx) + (y - d->cy) * (y - d->cy)
                     - d->weight + district_noise (x, y, i);

      if (score < best_score)
        best_score = score, best = i;
    }
  return best;
}

double
pv_gen_model_urban (PvGenModel *model,
                    double      x,
                    double      y,
                    gboolean    plan)
{
  double u = 0.0;

  for (guint i = 0; i < model->centres->len; i++)
    {
      const PvGenCentre *c = &g_array_index (model->centres, PvGenCentre, i);
      double r = c->radius * (plan ? c->growth : 1.0);
      double d2 = ((x - c->x) * (x - c->x) + (y - c->y) * (y - c->y)) / (r * r);

      u = MAX (u, c->weight * exp (-d2));
    }
  /* Irregular edges: towns grow along roads and in patches. */
  u *= 1.0 + 0.45 * pv_gen_fbm (x / 2500.0, y / 2500.0, 3, SEED_MODEL + 300);
  return u;
}

double
pv_gen_model_road_distance (PvGenModel *model,
                            double      x,
                            double      y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < model->roads->len; i++)
    {
      const PvGenRoad *road = g_ptr_array_index (model->roads, i);

      if (g_str_equal (road->status, "hiện hữu"))
        best = MIN (best, pv_gen_line_distance (&road->tm3, x, y));
    }
  return best;
}

double
pv_gen_model_river_distance (PvGenModel *model,
                             double      x,
                             double      y,
                             const char *name)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < model->rivers->len; i++)
    {
      const PvGenRiver *river = g_ptr_array_index (model->rivers, i);

      if (name == NULL || g_str_equal (river->name, name))
        best = MIN (best, pv_gen_line_distance (&river->tm3, x, y));
    }
  return best;
}

static const PvGenPark *
park_at (PvGenModel *model,
         double      x,
         double      y,
         gboolean    plan)
{
  for (guint i = 0; i < model->parks->len; i++)
    {
      const PvGenPark *p = &g_array_index (model->parks, PvGenPark, i);
      double dx = x - p->x, dy = y - p->y;
      double u = (dx * cos (p->angle) + dy * sin (p->angle)) / p->rx;
      double v = (-dx * sin (p->angle) + dy * cos (p->angle)) / p->ry;
      /* Squarish parks (super-ellipse), with ragged edges. */
      double r = pow (pow (fabs (u), 4) + pow (fabs (v), 4), 0.25);

      if (p->planned && !plan)
        continue;
      if (r < 1.0 + 0.25 * pv_gen_noise (x / 700.0, y / 700.0, SEED_MODEL + 400 + i))
        return p;
    }
  return NULL;
}

static const char *
pick (double      r,
      const char *const *codes,
      const double *weights,
      guint        n)
{
  double total = 0.0, acc = 0.0;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  for (guint i = 0; i < n; i++)
    {
      acc += weights[i] / total;
      if (r < acc)
        return codes[i];
    }
  return codes[n - 1];
}

#define PICK(r, ...) \
  pick ((r), (const char *const[]) { __VA_ARGS__ }, \
        pick_weights, sizeof ((const char *const[]) { __VA_ARGS__ }) / sizeof (char *))

static const char *
urban_use (PvGenModel *model,
           double      x,
           double      y,
           double      r)
{
  static const double pick_weights[] = { 74, 5, 4, 2, 2, 2, 4, 2, 1, 4 };
  double cluster = pv_gen_fbm (x / 1500.0, y / 1500.0, 2, SEED_MODEL + 600);

  /* Workshops cluster; shops line the main roads. */
  if (cluster > 0.42)
    return r < 0.75 ? "SKC" : "ODT";
  if (r < 0.35 && pv_gen_model_road_distance (model, x, y) < 160.0)
    return "TMD";
  return PICK (r, "ODT", "TMD", "DGD", "DYT", "DVH", "DTT", "DKV", "TSC", "NTD", "SKC");
}

static const char *
periurban_use (double r)
{
  static const double pick_weights[] = { 36, 14, 18, 10, 6, 4, 3, 3, 2, 4 };

  return PICK (r, "ODT", "SKC", "CLN", "HNK", "TMD", "ONT", "DGD", "NTD", "DKV", "CSD");
}

static const char *
current_use (PvGenModel *model,
             double      x,
             double      y,
             guint64     cell_hash)
{
  double r = (cell_hash >> 11) * (1.0 / 9007199254740992.0);
  double u = pv_gen_model_urban (model, x, y, FALSE);
  double lat_t = (y - model->ymin) / (model->ymax - model->ymin);   /* 0 south … 1 north */
  double forest = pv_gen_fbm (x / 6000.0, y / 6000.0, 4, SEED_MODEL + 500);
  double farm = pv_gen_fbm (x / 3000.0, y / 3000.0, 3, SEED_MODEL + 501);
  double d_road, d_sg;

  if (park_at (model, x, y, FALSE))
    return r < 0.9 ? "SKK" : (r < 0.95 ? "DKV" : "TMD");
  if (u > 0.62)
    return urban_use (model, x, y, r);
  if (u > 0.38)
    return periurban_use (r);

  d_road = pv_gen_model_road_distance (model, x, y);
  d_sg = pv_gen_model_river_distance (model, x, y, "Sông Sài Gòn");
  if (d_road < 350 && r < 0.45 + 0.5 * u)
    return r < 0.12 ? "SKC" : (r < 0.16 ? "TMD" : "ONT");
  /* Low land along the Sài Gòn: rice, vegetables, some fish ponds. */
  if (d_sg < 1800 + 600 * farm && lat_t < 0.75)
    return r < 0.55 ? "LUC" : (r < 0.8 ? "HNK" : (r < 0.9 ? "NTS" : "CLN"));
  /* North: rubber, and production forest on the higher ground. */
  if (lat_t > 0.6 && forest > 0.3 - 0.4 * (lat_t - 0.6))
    return r < 0.85 ? "RSX" : "CLN";
  if (r < 0.012)
    return "NTD";
  if (r < 0.025)
    return "CSD";
  if (r < 0.04)
    return "DTL";
  if (farm > 0.35)
    return r < 0.7 ? "HNK" : "CLN";
  if (r < 0.1)
    return "ONT";
  if (r < 0.16)
    return "HNK";
  return "CLN";
}

const char *
pv_gen_model_land_use (PvGenModel *model,
                       double      x,
                       double      y,
                       guint64     cell_hash,
                       gboolean    plan)
{
  const char *now = current_use (model, x, y, cell_hash);
  double r2, u;

  if (!plan)
    return now;

  /* The 2030 plan keeps what is built, urbanises around the centres, opens
   * new industrial parks and turns some farmland into parks and services. */
  if (g_str_equal (now, "ODT") || g_str_equal (now, "SKK") || g_str_equal (now, "DGT") ||
      g_str_equal (now, "SON") || g_str_equal (now, "DYT") || g_str_equal (now, "DGD") ||
      g_str_equal (now, "TSC") || g_str_equal (now, "DTT") || g_str_equal (now, "DVH"))
    return now;

  r2 = pv_gen_hash_double (cell_hash, 2030, 7);
  if (park_at (model, x, y, TRUE))
    return r2 < 0.92 ? "SKK" : "DKV";
  u = pv_gen_model_urban (model, x, y, TRUE);
  if (u > 0.55)
    {
      if (g_str_equal (now, "NTD") && r2 < 0.5)
        return "DKV";
      return urban_use (model, x, y, r2);
    }
  if (u > 0.33)
    return r2 < 0.55 ? "ODT" : (r2 < 0.7 ? "TMD" : (r2 < 0.8 ? "SKC" : (r2 < 0.88 ? "DKV" : now)));
  if (g_str_equal (now, "ONT") && u > 0.2)
    return "ODT";
  if (g_str_equal (now, "CSD"))
    return r2 < 0.5 ? "CLN" : "HNK";
  if (g_str_equal (now, "LUC") && r2 < 0.15)
    return "HNK";
  return now;
}
