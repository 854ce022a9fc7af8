/* pv-test-util.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "pv-test-util.h"

static const char *
source_root (void)
{
  const char *root = g_getenv ("PV_SOURCE_ROOT");

  g_assert_nonnull (root);
  return root;
}

char *
pv_test_sample_path (const char *relative)
{
  return g_build_filename (source_root (), "data-samples", relative, NULL);
}

char *
pv_test_realdata_path (const char *relative)
{
  const char *override = g_getenv ("PV_REALDATA");
  g_autofree char *base = NULL;
  g_autofree char *canonical = NULL;

  /* The shared real-data corpus sits beside the checkout. */
  base = override ? g_strdup (override)
                  : g_build_filename (source_root (), "..", "shared", "realdata", NULL);
  canonical = g_canonicalize_filename (base, NULL);
  if (!g_file_test (canonical, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_build_filename (canonical, relative, NULL);
}

char *
pv_test_build_path (const char *relative)
{
  const char *root = g_getenv ("PV_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

/* The VNI-Windows inverse of the decoder (vietnam.md §3.2), from NFD. */
static char *
encode_vni (const char *utf8)
{
  g_autofree char *nfd = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);
  const char *p = nfd;

  while (*p)
    {
      gunichar base = g_utf8_get_char (p);
      gunichar marks[4] = { 0 };
      guint n = 0;
      gboolean upper = g_unichar_isupper (base);
      gunichar lower = g_unichar_tolower (base);
      gunichar tone = 0, shape = 0;
      gboolean horn = FALSE;

      p = g_utf8_next_char (p);
      while (*p && g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_NON_SPACING_MARK && n < 4)
        {
          marks[n++] = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }
      for (guint i = 0; i < n; i++)
        {
          if (marks[i] == 0x031B)
            horn = TRUE;
          else if (marks[i] == 0x0302 || marks[i] == 0x0306)
            shape = marks[i];
          else
            tone = marks[i];
        }

#define PUT(lo) g_string_append_c (out, (char) (upper ? (lo) - 0x20 : (lo)))
      if (lower == 0x0111)
        PUT (0xF1);
      else if (lower == 'i' && tone != 0)
        PUT (tone == 0x0301 ? 0xED : tone == 0x0300 ? 0xEC : tone == 0x0309 ? 0xE6
             : tone == 0x0303 ? 0xF3 : 0xF2);
      else if (lower == 'y' && tone == 0x0323)
        PUT (0xEE);
      else
        {
          if (horn)
            PUT (lower == 'u' ? 0xF6 : 0xF4);
          else
            g_string_append_c (out, (char) base);
          if (shape == 0x0302)
            PUT (tone == 0 ? 0xE2 : tone == 0x0301 ? 0xE1 : tone == 0x0300 ? 0xE0
                 : tone == 0x0309 ? 0xE5 : tone == 0x0303 ? 0xE3 : 0xE4);
          else if (shape == 0x0306)
            PUT (tone == 0 ? 0xEA : tone == 0x0301 ? 0xE9 : tone == 0x0300 ? 0xE8
                 : tone == 0x0309 ? 0xFA : tone == 0x0303 ? 0xFC : 0xEB);
          else if (tone != 0)
            PUT (tone == 0x0301 ? 0xF9 : tone == 0x0300 ? 0xF8 : tone == 0x0309 ? 0xFB
                 : tone == 0x0303 ? 0xF5 : 0xEF);
        }
#undef PUT
    }
  return g_string_free (out, FALSE);
}

char *
pv_test_encode_legacy (PvEncoding  enc,
                       const char *utf8)
{
  g_autoptr(GError) error = NULL;
  char *bytes = NULL;

  switch (enc)
    {
    case PV_ENCODING_VNI:
      return encode_vni (utf8);
    case PV_ENCODING_CP1258:
      bytes = g_convert (utf8, -1, "CP1258", "UTF-8", NULL, NULL, &error);
      break;
    case PV_ENCODING_VISCII:
      bytes = g_convert (utf8, -1, "VISCII", "UTF-8", NULL, NULL, &error);
      break;
    case PV_ENCODING_TCVN3:
      /* glibc's TCVN5712-1 is VN1; for text without toned capitals its
       * bytes are those of VN3 */
      bytes = g_convert (utf8, -1, "TCVN5712-1", "UTF-8", NULL, NULL, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
  return bytes;
}

/* Place names of Bình Dương and the phrases, none with a toned
 * capital (TCVN3 has none). */
const char *const pv_test_place_names[] = {
  "Thủ Dầu Một", "Bình Dương", "Đất ở tại đô thị", "Dĩ An", "Thuận An", "Tân Uyên",
  "Bến Cát", "Bàu Bàng", "Dầu Tiếng", "Phú Giáo", "Bắc Tân Uyên", "Phú Hòa",
  "Hiệp Thành", "Chánh Nghĩa", "Phú Lợi", "Định Hòa", "Tương Bình Hiệp", "Lái Thiêu",
  "Thới Hòa", "Mỹ Phước", "Hòa Lợi", "Đất trồng cây lâu năm", "Một",
};

const guint pv_test_n_place_names = G_N_ELEMENTS (pv_test_place_names);

static char *
encode_text (PvEncoding  enc,
        const char *utf8)
{
  return enc == PV_ENCODING_UTF8 ? g_strdup (utf8) : pv_test_encode_legacy (enc, utf8);
}

/* Points 2 km apart in EPSG:9210 (Bình Dương), field "Tên" (its name in the
 * encoding too; "ten" in MapInfo) holding names[] as bytes of @enc, written without recoding. */
char *
pv_test_write_place_names (const char *dir,
                           const char *file,
                           const char *driver_name,
                           PvEncoding  enc)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  /* MITAB writes only ASCII field names. */
  g_autofree char *field_name = g_str_equal (driver_name, "MapInfo File") ? g_strdup ("ten") : encode_text (enc, "Tên");
  GDALDriverH driver = GDALGetDriverByName (driver_name);
  const char *shape_options[] = { "ENCODING=", NULL };
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFieldDefnH field;

  g_assert_nonnull (driver);
  g_assert_cmpint (OSRImportFromEPSG (srs, 9210), ==, OGRERR_NONE);
  dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, "diadanh", srs, wkbPoint,
                                  g_str_equal (driver_name, "ESRI Shapefile") ? (char **) shape_options : NULL);
  g_assert_nonnull (layer);
  field = OGR_Fld_Create (field_name, OFTString);
  OGR_Fld_SetWidth (field, 80);
  g_assert_cmpint (OGR_L_CreateField (layer, field, FALSE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);
  field = OGR_Fld_Create ("ma", OFTInteger);
  g_assert_cmpint (OGR_L_CreateField (layer, field, FALSE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);

  for (guint i = 0; i < pv_test_n_place_names; i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);
      g_autofree char *bytes = encode_text (enc, pv_test_place_names[i]);

      OGR_F_SetFieldString (feature, 0, bytes);
      OGR_F_SetFieldInteger (feature, 1, (int) i);
      OGR_G_SetPoint_2D (point, 0, 600000 + 2000.0 * (i % 5), 1215000 + 2000.0 * (i / 5));
      OGR_F_SetGeometryDirectly (feature, point);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  OSRRelease (srs);
  return g_steal_pointer (&path);
}

static void
add_cad_feature (OGRLayerH   layer,
             const char *dxf_layer,
             const char *wkt,
             const char *style)
{
  OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGRGeometryH geometry = NULL;
  char *text = (char *) wkt;

  g_assert_cmpint (OGR_G_CreateFromWkt (&text, NULL, &geometry), ==, OGRERR_NONE);
  if (dxf_layer != NULL)
    OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "Layer"), dxf_layer);
  OGR_F_SetStyleString (feature, style);
  OGR_F_SetGeometryDirectly (feature, geometry);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
}

/* A planning drawing: parcel boundaries (red), roads (blue) and a text on
 * the layer "Đường" (its name in CP1258, the drawing's code page). */
char *
pv_test_write_cad_drawing (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "quy-hoach.dxf", NULL);
  g_autofree char *road_layer = pv_test_encode_legacy (PV_ENCODING_CP1258, "Đường");
  g_autofree char *label = pv_test_encode_legacy (PV_ENCODING_CP1258, "Đại lộ Bình Dương");
  g_autofree char *label_style = g_strdup_printf ("LABEL(f:\"Arial\",t:\"%s\",s:20g)", label);
  g_autofree char *contents = NULL;
  g_autoptr(GString) dxf = NULL;
  g_autoptr(GError) error = NULL;
  GDALDatasetH dataset = GDALCreate (GDALGetDriverByName ("DXF"), path, 0, 0, 0, GDT_Unknown, NULL);
  OGRLayerH layer = GDALDatasetCreateLayer (dataset, "entities", NULL, wkbUnknown, NULL);

  add_cad_feature (layer, "RANH_GIOI", "LINESTRING (600000 1215000,600400 1215000,600400 1215400)",
               "PEN(c:#ff0000,w:0.5g)");
  add_cad_feature (layer, "RANH_GIOI", "LINESTRING (600000 1215000,600000 1215400,600400 1215400)",
               "PEN(c:#ff0000,w:0.5g)");
  add_cad_feature (layer, road_layer, "LINESTRING (600000 1215200,600400 1215200)", "PEN(c:#0000ff,w:1g)");
  add_cad_feature (layer, road_layer, "POINT (600200 1215250)", label_style);
  GDALClose (dataset);

  /* GDAL writes ANSI_1252: declare the code page the bytes are in. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  dxf = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (dxf, "ANSI_1252", "ANSI_1258", 1), ==, 1);
  g_file_set_contents (path, dxf->str, dxf->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

char *
pv_test_make_temp_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
pv_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        pv_test_remove_dir (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

char *
pv_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

PvLayer *
pv_test_open_layer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  return g_object_ref (g_ptr_array_index (layers, 0));
}

gboolean
pv_test_have_tool (const char *tool)
{
  g_autofree char *found = g_find_program_in_path (tool);

  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", tool);

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

char *
pv_test_run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  if (error != NULL)
    g_test_message ("%s: %s", argv[0], err);
  g_assert_no_error (error);
  return out;
}
