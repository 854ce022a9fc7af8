/* pv-annotation-ogr.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <cpl_string.h>

#include "pv-annotation-private.h"
#include "pv-cad.h"
#include "pv-error.h"
#include "pv-gdal-private.h"

/* Exchange files are written by GDAL and read by GDAL:
 *   .gpkg     GeoPackage, in the set's CRS;
 *   .geojson  GeoJSON in WGS 84 longitude, latitude (OGC:CRS84), as RFC 7946
 *             wants its coordinates. Written without GDAL's RFC7946=YES,
 *             which would round to 7 decimals and turn clockwise rings
 *             around: vertex order and full precision survive;
 *   .kml      KML through libkml, in WGS 84 as KML requires. */

#define LAYER_NAME "annotations"

typedef enum
{
  FORMAT_GPKG,
  FORMAT_GEOJSON,
  FORMAT_KML,
} Format;

static gboolean
format_for_path (const char  *path,
                 Format      *format,
                 const char **driver_name)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".gpkg"))
    *format = FORMAT_GPKG, *driver_name = "GPKG";
  else if (g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json"))
    *format = FORMAT_GEOJSON, *driver_name = "GeoJSON";
  else if (g_str_has_suffix (lower, ".kml"))
    *format = FORMAT_KML, *driver_name = "LIBKML";
  else
    return FALSE;
  return TRUE;
}

static OGRSpatialReferenceH
osr_for_crs (PvCrs *crs)
{
  g_autofree char *wkt = pv_crs_dup_wkt (crs);
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  if (wkt == NULL || OSRImportFromWkt (srs, (char **) &(const char *) { wkt }) != OGRERR_NONE)
    {
      OSRRelease (srs);
      return NULL;
    }
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

/* The OGR style string QGIS and GDAL show the annotation with, made with
 * GDAL's style API (which quotes the text): its tools joined by ';', as
 * OGRStyleMgr joins parts. */
static void
add_tool (GString       *joined,
          OGRStyleToolH  tool)
{
  const char *part = OGR_ST_GetStyleString (tool);

  if (part != NULL && part[0] != '\0')
    {
      if (joined->len > 0)
        g_string_append_c (joined, ';');
      g_string_append (joined, part);
    }
  OGR_ST_Destroy (tool);
}

static char *
style_string (PvAnnotation *annotation)
{
  PvAnnotationKind kind = pv_annotation_get_kind (annotation);
  const char *text = pv_annotation_get_text (annotation);
  gboolean closed = pv_annotation_get_closed (annotation);
  GString *joined = g_string_new (NULL);
  g_autofree char *color = NULL;
  g_autofree char *fill = NULL;
  g_autofree char *label = NULL;
  PvAnnotationStyle style;

  pv_annotation_get_style (annotation, &style);
  color = pv_annotation_color_to_string (style.color);
  fill = pv_annotation_color_to_string (style.fill);

  if (closed && kind != PV_ANNOTATION_MEASUREMENT && style.fill[3] > 0)
    {
      OGRStyleToolH brush = OGR_ST_Create (OGRSTCBrush);

      OGR_ST_SetParamStr (brush, OGRSTBrushFColor, fill);
      add_tool (joined, brush);
    }
  if (kind != PV_ANNOTATION_TEXT)
    {
      OGRStyleToolH pen = OGR_ST_Create (OGRSTCPen);

      OGR_ST_SetUnit (pen, OGRSTUMM, 1.0);
      OGR_ST_SetParamStr (pen, OGRSTPenColor, color);
      OGR_ST_SetParamDbl (pen, OGRSTPenWidth, style.width_mm);
      add_tool (joined, pen);
    }
  if (kind == PV_ANNOTATION_CALLOUT)
    label = g_strdup_printf ("%d. %s", pv_annotation_get_number (annotation), text ? text : "");
  else if (text != NULL)
    label = g_strdup (text);
  if (label != NULL)
    {
      OGRStyleToolH tool = OGR_ST_Create (OGRSTCLabel);

      OGR_ST_SetUnit (tool, OGRSTUPoints, 1.0);
      OGR_ST_SetParamStr (tool, OGRSTLabelFontName, "Noto Sans");
      OGR_ST_SetParamDbl (tool, OGRSTLabelSize, style.font_pt);
      OGR_ST_SetParamStr (tool, OGRSTLabelTextString, label);
      OGR_ST_SetParamStr (tool, OGRSTLabelFColor, color);
      add_tool (joined, tool);
    }
  return g_string_free (joined, FALSE);
}

static OGRGeometryH
make_geometry (PvAnnotation *annotation,
               const double *xy,
               guint         n)
{
  OGRGeometryH geometry;

  if (pv_annotation_get_kind (annotation) == PV_ANNOTATION_TEXT)
    {
      geometry = OGR_G_CreateGeometry (wkbPoint);
      OGR_G_SetPoint_2D (geometry, 0, xy[0], xy[1]);
    }
  else if (pv_annotation_get_closed (annotation))
    {
      OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

      for (guint i = 0; i < n; i++)
        OGR_G_AddPoint_2D (ring, xy[2 * i], xy[2 * i + 1]);
      OGR_G_AddPoint_2D (ring, xy[0], xy[1]);
      geometry = OGR_G_CreateGeometry (wkbPolygon);
      OGR_G_AddGeometryDirectly (geometry, ring);
    }
  else
    {
      geometry = OGR_G_CreateGeometry (wkbLineString);
      for (guint i = 0; i < n; i++)
        OGR_G_AddPoint_2D (geometry, xy[2 * i], xy[2 * i + 1]);
    }
  return geometry;
}

static gboolean
create_field (OGRLayerH     layer,
              const char   *name,
              OGRFieldType  type)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);
  OGRErr err = OGR_L_CreateField (layer, field, TRUE);

  OGR_Fld_Destroy (field);
  return err == OGRERR_NONE;
}

static char *
partial_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  g_autofree char *stem = g_strndup (base, dot ? (gsize) (dot - base) : strlen (base));
  g_autofree char *name = g_strdup_printf (".%s.partial-%u%s", stem, g_random_int (), dot ? dot : "");

  return g_build_filename (dir, name, NULL);
}

static gboolean
write_features (PvAnnotationSet  *self,
                GDALDatasetH      dataset,
                Format            format,
                PvCrs            *file_crs,
                const char       *path,
                GError          **error)
{
  g_auto(OGRSpatialReferenceH) srs = NULL;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  char **options = NULL;

  if (file_crs != NULL && (srs = osr_for_crs (file_crs)) == NULL)
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path,
                          _("the coordinate reference system cannot be written"));
      return FALSE;
    }
  if (format == FORMAT_GPKG)
    options = CSLSetNameValue (options, "GEOMETRY_NAME", "geom");
  layer = GDALDatasetCreateLayer (dataset, LAYER_NAME, srs, wkbUnknown, options);
  CSLDestroy (options);
  if (layer == NULL)
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path, _("the layer cannot be created"));
      return FALSE;
    }
  if (!create_field (layer, "kind", OFTString) || !create_field (layer, "text", OFTString)
      || !create_field (layer, "color", OFTString) || !create_field (layer, "width_mm", OFTReal)
      || !create_field (layer, "fill", OFTString) || !create_field (layer, "font_pt", OFTReal)
      || !create_field (layer, "number", OFTInteger)
      /* KML keeps the style as the placemark's <Style>; the others as
       * the field GDAL and QGIS read styles from. */
      || (format != FORMAT_KML && !create_field (layer, "OGR_STYLE", OFTString))
      || (format == FORMAT_KML && !create_field (layer, "name", OFTString)))
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path, _("the fields cannot be created"));
      return FALSE;
    }
  defn = OGR_L_GetLayerDefn (layer);

  if (OGR_L_StartTransaction (layer) != OGRERR_NONE)
    CPLErrorReset ();
  for (guint i = 0; i < pv_annotation_set_get_n_annotations (self); i++)
    {
      PvAnnotation *annotation = pv_annotation_set_get_annotation (self, i);
      g_auto(OGRFeatureH) feature = OGR_F_Create (defn);
      g_autofree double *xy = NULL;
      g_autofree char *color = NULL;
      g_autofree char *fill = NULL;
      g_autofree char *style_str = NULL;
      const char *text = pv_annotation_get_text (annotation);
      PvAnnotationStyle style;
      const double *points;
      guint n;

      points = pv_annotation_get_points (annotation, &n);
      if (n == 0)
        continue;
      xy = g_memdup2 (points, 2 * n * sizeof (double));
      if (!_pv_annotation_set_transform_points (self, file_crs, FALSE, xy, n))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED,
                       _("%s: annotation %u cannot be transformed to WGS 84"), display, i + 1);
          return FALSE;
        }
      pv_annotation_get_style (annotation, &style);
      color = pv_annotation_color_to_string (style.color);
      fill = pv_annotation_color_to_string (style.fill);
      style_str = style_string (annotation);

      OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "kind"),
                            pv_annotation_kind_to_string (pv_annotation_get_kind (annotation)));
      if (text != NULL)
        OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "text"), text);
      OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "color"), color);
      OGR_F_SetFieldDouble (feature, OGR_F_GetFieldIndex (feature, "width_mm"), style.width_mm);
      OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "fill"), fill);
      OGR_F_SetFieldDouble (feature, OGR_F_GetFieldIndex (feature, "font_pt"), style.font_pt);
      OGR_F_SetFieldInteger (feature, OGR_F_GetFieldIndex (feature, "number"), pv_annotation_get_number (annotation));
      if (format != FORMAT_KML)
        OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "OGR_STYLE"), style_str);
      else if (text != NULL)
        OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "name"), text);
      OGR_F_SetStyleString (feature, style_str);
      OGR_F_SetGeometryDirectly (feature, make_geometry (annotation, xy, n));
      if (OGR_L_CreateFeature (layer, feature) != OGRERR_NONE)
        {
          _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path,
                              _("an annotation cannot be written"));
          return FALSE;
        }
    }
  if (OGR_L_CommitTransaction (layer) != OGRERR_NONE)
    CPLErrorReset ();
  return TRUE;
}

gboolean
pv_annotation_set_export (PvAnnotationSet  *self,
                          const char       *path,
                          GError          **error)
{
  g_autoptr(PvCrs) wgs84 = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *display = NULL;
  const char *driver_name;
  GDALDriverH driver;
  GDALDatasetH dataset;
  PvCrs *file_crs;
  Format format;
  gboolean ok;

  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!format_for_path (path, &format, &driver_name))
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("%s: annotations are exported as GeoPackage (.gpkg), GeoJSON (.geojson) or KML (.kml)"),
                   display);
      return FALSE;
    }
  file_crs = pv_annotation_set_get_crs (self);
  if (format != FORMAT_GPKG)
    {
      if (file_crs == NULL)
        {
          g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                       _("%s: the annotations have no coordinate reference system, so they cannot be placed in WGS 84"),
                       display);
          return FALSE;
        }
      wgs84 = pv_crs_new_from_epsg (4326, error);
      if (wgs84 == NULL)
        return FALSE;
      file_crs = wgs84;
    }
  driver = GDALGetDriverByName (driver_name);
  if (driver == NULL)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED,
                   _("%s: GDAL has no %s driver"), display, driver_name);
      return FALSE;
    }

  /* Written beside the target, then moved over it: a failure leaves any
   * earlier file as it was. */
  partial = partial_path (path);
  CPLErrorReset ();
  dataset = GDALCreate (driver, partial, 0, 0, 0, GDT_Unknown, NULL);
  if (dataset == NULL)
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path, _("the file cannot be created"));
      return FALSE;
    }
  ok = write_features (self, dataset, format, file_crs, path, error);
  CPLErrorReset ();
  GDALClose (dataset);
  if (ok && CPLGetLastErrorType () >= CE_Failure)
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path, _("the file cannot be written"));
      ok = FALSE;
    }
  if (ok && g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED,
                   "%s: %s", display, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_remove (partial);
  return ok;
}

/* ---------------------------------------------------------------- import */

static int
field_index (OGRFeatureDefnH defn,
             const char     *name)
{
  return OGR_FD_GetFieldIndex (defn, name);
}

static const char *
field_string (OGRFeatureH feature,
              int         index)
{
  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NULL;
  return OGR_F_GetFieldAsString (feature, index);
}

/* Adds the points of a simple geometry to xy; a polygon gives its outer
 * ring without the closing point. */
static void
geometry_points (OGRGeometryH geometry,
                 GArray      *xy,
                 gboolean    *closed)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  OGRGeometryH line = geometry;
  int n;

  *closed = FALSE;
  if (type == wkbPolygon)
    {
      if (OGR_G_GetGeometryCount (geometry) == 0)
        return;
      line = OGR_G_GetGeometryRef (geometry, 0);
      *closed = TRUE;
    }
  n = OGR_G_GetPointCount (line);
  for (int i = 0; i < n; i++)
    {
      double p[2] = { OGR_G_GetX (line, i), OGR_G_GetY (line, i) };

      if (*closed && i == n - 1 && n > 1 && p[0] == OGR_G_GetX (line, 0) && p[1] == OGR_G_GetY (line, 0))
        break;
      g_array_append_vals (xy, p, 2);
    }
}

static void
read_feature (OGRFeatureH      feature,
              OGRFeatureDefnH  defn,
              OGRGeometryH     geometry,
              PvAnnotationSet *set)
{
  g_autoptr(PvAnnotation) annotation = NULL;
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  const char *kind_name = field_string (feature, field_index (defn, "kind"));
  const char *text;
  PvAnnotationStyle style;
  PvAnnotationKind kind;
  gboolean closed;
  int index;

  if (type == wkbMultiPoint || type == wkbMultiLineString || type == wkbMultiPolygon
      || type == wkbGeometryCollection)
    {
      /* Each part its own annotation. */
      for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
        read_feature (feature, defn, OGR_G_GetGeometryRef (geometry, i), set);
      return;
    }
  if (type != wkbPoint && type != wkbLineString && type != wkbPolygon)
    return;
  geometry_points (geometry, xy, &closed);

  if (!pv_annotation_kind_from_string (kind_name, &kind))
    kind = type == wkbPoint ? PV_ANNOTATION_TEXT : closed ? PV_ANNOTATION_POLYGON : PV_ANNOTATION_LINE;
  annotation = pv_annotation_new (kind);
  pv_annotation_set_closed (annotation, closed);
  pv_annotation_set_points (annotation, (const double *) xy->data, xy->len / 2);
  if (!pv_annotation_is_complete (annotation))
    return;

  text = field_string (feature, field_index (defn, "text"));
  if (text == NULL && kind_name == NULL)
    {
      const char *names[] = { "name", "Name", "NAME", "label", "description" };

      for (guint i = 0; i < G_N_ELEMENTS (names) && text == NULL; i++)
        text = field_string (feature, field_index (defn, names[i]));
    }
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    pv_annotation_set_text (annotation, text);

  pv_annotation_style_init (&style, kind);
  pv_annotation_color_from_string (field_string (feature, field_index (defn, "color")), style.color);
  pv_annotation_color_from_string (field_string (feature, field_index (defn, "fill")), style.fill);
  if ((index = field_index (defn, "width_mm")) >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index))
    style.width_mm = OGR_F_GetFieldAsDouble (feature, index);
  if ((index = field_index (defn, "font_pt")) >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index))
    style.font_pt = OGR_F_GetFieldAsDouble (feature, index);
  pv_annotation_set_style (annotation, &style);
  if ((index = field_index (defn, "number")) >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index))
    pv_annotation_set_number (annotation, OGR_F_GetFieldAsInteger (feature, index));
  else if (kind == PV_ANNOTATION_CALLOUT)
    pv_annotation_set_number (annotation, pv_annotation_set_next_number (set));
  pv_annotation_set_add (set, annotation);
}

PvAnnotationSet *
pv_annotation_set_import (const char  *path,
                          GError     **error)
{
  g_auto(GDALDatasetH) dataset = NULL;
  g_autoptr(PvAnnotationSet) set = NULL;
  g_autoptr(PvCrs) crs = NULL;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  OGRFeatureH feature;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND, _("%s: the file does not exist"), display);
      return NULL;
    }
  if (!_pv_cad_check_dxf_line_breaks (path, error))
    return NULL;
  CPLErrorReset ();
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  if (dataset == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, path,
                          _("the file cannot be read as annotations"));
      return NULL;
    }
  layer = GDALDatasetGetLayerByName (dataset, LAYER_NAME);
  if (layer == NULL)
    {
      CPLErrorReset ();
      layer = GDALDatasetGetLayerCount (dataset) > 0 ? GDALDatasetGetLayer (dataset, 0) : NULL;
    }
  if (layer == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER, path, _("the file has no layer"));
      return NULL;
    }
  crs = _pv_crs_new_from_osr (OGR_L_GetSpatialRef (layer));
  set = pv_annotation_set_new (crs);
  defn = OGR_L_GetLayerDefn (layer);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      if (geometry != NULL && !OGR_G_IsEmpty (geometry))
        read_feature (feature, defn, geometry, set);
      OGR_F_Destroy (feature);
    }
  if (CPLGetLastErrorType () >= CE_Failure)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, path, _("the annotations cannot be read"));
      return NULL;
    }
  return g_steal_pointer (&set);
}
