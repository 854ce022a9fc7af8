/* pv-vector-text.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the text of a vector layer reaches it. GDAL 3.6 loses the last
 * character of every CP1258 and TCVN string (it never flushes iconv), has no
 * VNI converter and cannot decode MapInfo's "WindowsVietnamese": legacy
 * sources are opened without GDAL's recoding, their encoding is taken from
 * the declaration or detected from the bytes, and the text is decoded here. */

#include "config.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-pg-private.h"
#include "pv-vector-layer-private.h"

/* What GDAL said about the source's encoding while opening it. */
typedef struct
{
  char *dxf_code_page;    /* $DWGCODEPAGE */
  char *mapinfo_charset;  /* a charset GDAL has no converter for */
} OpenReport;

static void
open_report_clear (OpenReport *report)
{
  g_clear_pointer (&report->dxf_code_page, g_free);
  g_clear_pointer (&report->mapinfo_charset, g_free);
}

/* GDAL reports these only as messages: "DXF: Treating DXF as encoding 'CP1258',
 * $DWGCODEPAGE='ANSI_1258'" (debug) and "Cannot find iconv encoding
 * corresponding to MapInfo WindowsVietnamese charset" (warning). */
static char *
quoted_after (const char *message,
              const char *prefix,
              const char *end)
{
  const char *start = strstr (message, prefix);
  const char *stop;

  if (start == NULL)
    return NULL;
  start += strlen (prefix);
  stop = strstr (start, end);
  return stop != NULL && stop > start ? g_strndup (start, stop - start) : NULL;
}

static void CPL_STDCALL
capture_open_messages (CPLErr      klass,
                       CPLErrorNum number,
                       const char *message)
{
  OpenReport *report = CPLGetErrorHandlerUserData ();

  if (report->dxf_code_page == NULL)
    report->dxf_code_page = quoted_after (message, "$DWGCODEPAGE='", "'");
  if (report->mapinfo_charset == NULL)
    report->mapinfo_charset = quoted_after (message, "corresponding to MapInfo ", " charset");
  if (klass != CE_Debug)
    g_debug ("GDAL (%d): %s", number, message);
}

static GDALDatasetH
open_source (const char *path,
             gboolean    raw,
             OpenReport *report)
{
  g_autofree char *saved_debug = NULL;
  GDALDatasetH dataset;

  /* Thread-local, so that other threads' opens keep GDAL's defaults. The
   * shapefile driver reads SHAPE_ENCODING when it creates its layer: keep it
   * set until the layers exist. ISO-8859-1 keeps every byte of a DXF. */
  if (raw)
    {
      CPLSetThreadLocalConfigOption ("SHAPE_ENCODING", "");
      CPLSetThreadLocalConfigOption ("DXF_ENCODING", "ISO-8859-1");
    }
  if (report != NULL)
    {
      saved_debug = g_strdup (CPLGetThreadLocalConfigOption ("CPL_DEBUG", NULL));
      CPLSetThreadLocalConfigOption ("CPL_DEBUG", "ON");
      CPLPushErrorHandlerEx (capture_open_messages, report);
    }
  CPLErrorReset ();
  {
    /* A database: with the session's password (never kept in the source). */
    g_autofree char *open_path = _pv_pg_open_string (path);

    dataset = GDALOpenEx (open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  }
  if (dataset != NULL)
    for (int i = 0; i < GDALDatasetGetLayerCount (dataset); i++)
      OGR_L_GetLayerDefn (GDALDatasetGetLayer (dataset, i));
  if (report != NULL)
    {
      CPLPopErrorHandler ();
      CPLSetThreadLocalConfigOption ("CPL_DEBUG", saved_debug);
    }
  if (raw)
    {
      CPLSetThreadLocalConfigOption ("SHAPE_ENCODING", NULL);
      CPLSetThreadLocalConfigOption ("DXF_ENCODING", NULL);
    }
  return dataset;
}

GDALDatasetH
_pv_vector_open_source (const char *path,
                        gboolean    raw)
{
  return open_source (path, raw, NULL);
}

/* The drivers that can be told to pass the file's bytes. */
static gboolean
driver_can_read_raw (const char *driver)
{
  return g_strcmp0 (driver, "ESRI Shapefile") == 0 || g_strcmp0 (driver, "DXF") == 0;
}

/* The bytes of text GDAL wrapped as a single-byte charset. */
static char *
unwrap (const char *text,
        const char *wrap)
{
  GString *bytes = g_string_sized_new (strlen (text));

  if (g_strcmp0 (wrap, "ISO-8859-1") == 0)
    {
      const char *p = text;

      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              g_string_append_c (bytes, *p++);
              continue;
            }
          g_string_append_c (bytes, c <= 0xFF ? (char) c : '?');
          p = g_utf8_next_char (p);
        }
      return g_string_free (bytes, FALSE);
    }
  g_string_free (bytes, TRUE);
  {
    char *converted = g_convert (text, -1, wrap, "UTF-8", NULL, NULL, NULL);

    return converted != NULL ? converted : g_strdup (text);
  }
}

char *
_pv_vector_layer_decode (PvVectorLayer *self,
                         const char    *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (!self->text.raw && g_utf8_validate (text, -1, NULL))
    return pv_utf8_make_stream_safe (text, -1);
  if (!self->text.raw)
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      return pv_utf8_make_stream_safe (valid, -1);
    }
  if (self->text.wrap != NULL)
    {
      g_autofree char *bytes = unwrap (text, self->text.wrap);

      return pv_encoding_decode (self->text.encoding, bytes, -1);
    }
  return pv_encoding_decode (self->text.encoding, text, -1);
}

/* ------------------------------------------------------------ detection */

#define DETECT_MAX_FEATURES 1000
#define DETECT_MAX_SAMPLES 4000
/* Below this, a Latin-1 declaration (DBF LDID 87 is GDAL's own default, and
 * ANSI_1252 every CAD program's) stands against Vietnamese-looking bytes. */
#define OVERRIDE_LATIN1_CONFIDENCE 0.75

/* Raw (unwrapped) text samples of a layer: field names and values. */
static GPtrArray *
collect_samples (OGRLayerH   layer,
                 const char *wrap)
{
  GPtrArray *samples = g_ptr_array_new_with_free_func (g_free);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int n_fields = OGR_FD_GetFieldCount (defn);

  for (int i = 0; i < n_fields; i++)
    {
      const char *name = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i));

      g_ptr_array_add (samples, wrap ? unwrap (name, wrap) : g_strdup (name));
    }
  OGR_L_SetIgnoredFields (layer, (const char *[]) { "OGR_GEOMETRY", NULL });
  OGR_L_ResetReading (layer);
  for (guint n = 0; n < DETECT_MAX_FEATURES && samples->len < DETECT_MAX_SAMPLES; n++)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);

      if (feature == NULL)
        break;
      for (int i = 0; i < n_fields; i++)
        {
          const char *value;

          if (OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, i)) != OFTString ||
              !OGR_F_IsFieldSetAndNotNull (feature, i))
            continue;
          value = OGR_F_GetFieldAsString (feature, i);
          if (*value != '\0')
            g_ptr_array_add (samples, wrap ? unwrap (value, wrap) : g_strdup (value));
        }
    }
  OGR_L_SetIgnoredFields (layer, NULL);
  OGR_L_ResetReading (layer);
  return samples;
}

static gboolean
samples_are_utf8 (GPtrArray *samples)
{
  for (guint i = 0; i < samples->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (samples, i), -1, NULL))
      return FALSE;
  return TRUE;
}

static PvTextMode
detect (OGRLayerH   layer,
        const char *wrap)
{
  g_autoptr(GPtrArray) samples = collect_samples (layer, wrap);
  PvTextMode mode = { .raw = TRUE, .wrap = wrap, .origin = PV_ENCODING_ORIGIN_DETECTED };

  mode.encoding = pv_encoding_detect ((const char * const *) samples->pdata, samples->len, &mode.confidence);
  return mode;
}

static gboolean
is_vietnamese_legacy (PvEncoding encoding)
{
  return encoding == PV_ENCODING_CP1258 || encoding == PV_ENCODING_TCVN3 ||
         encoding == PV_ENCODING_VNI || encoding == PV_ENCODING_VISCII;
}

/* Text GDAL decoded as Windows-1252 that is Vietnamese legacy bytes once
 * encoded back: that mode (raw, wrapped in CP1252), else one with raw FALSE. */
static PvTextMode
mode_for_wrapped_latin1 (GPtrArray *samples)
{
  PvTextMode none = { .raw = FALSE };
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func (g_free);
  gboolean any_high = FALSE;
  PvTextMode mode = { .raw = TRUE, .wrap = "CP1252", .origin = PV_ENCODING_ORIGIN_DETECTED };

  for (guint i = 0; i < samples->len; i++)
    {
      char *b = g_convert (g_ptr_array_index (samples, i), -1, "CP1252", "UTF-8", NULL, NULL, NULL);

      if (b == NULL)
        return none;  /* not Latin script: GDAL decoded another charset */
      for (const char *p = b; *p != '\0' && !any_high; p++)
        any_high = (guint8) *p >= 0x80;
      g_ptr_array_add (bytes, b);
    }
  if (!any_high)
    return none;
  mode.encoding = pv_encoding_detect ((const char * const *) bytes->pdata, bytes->len, &mode.confidence);
  if (!is_vietnamese_legacy (mode.encoding) || mode.confidence < OVERRIDE_LATIN1_CONFIDENCE)
    return none;
  return mode;
}

/* A declared encoding, decoded by the layer when it is one of ours. A Latin-1
 * declaration gives way to confidently Vietnamese bytes. */
static PvTextMode
mode_for_declaration (const char *declared,
                      OGRLayerH   raw_layer,
                      const char *wrap,
                      gboolean   *ours)
{
  PvTextMode mode = { .raw = TRUE, .wrap = wrap, .origin = PV_ENCODING_ORIGIN_DECLARED, .confidence = 1.0 };

  *ours = pv_encoding_from_name (declared, &mode.encoding);
  if (!*ours)
    return mode;
  if (mode.encoding == PV_ENCODING_LATIN1)
    {
      PvTextMode detected = detect (raw_layer, wrap);

      if (is_vietnamese_legacy (detected.encoding) && detected.confidence >= OVERRIDE_LATIN1_CONFIDENCE)
        return detected;
    }
  return mode;
}

static void
set_declared (PvVectorLayer *self,
              const char    *declared,
              const char    *by)
{
  g_free (self->declared_encoding);
  g_free (self->declared_by);
  self->declared_encoding = g_strdup (declared);
  self->declared_by = g_strdup (by);
}

static void
reopen_raw (PvVectorLayer *self,
            const char    *path,
            GDALDatasetH  *dataset)
{
  GDALDatasetH raw = open_source (path, TRUE, NULL);

  if (raw != NULL)
    {
      GDALClose (*dataset);
      *dataset = raw;
    }
}

void
_pv_vector_layer_init_text (PvVectorLayer *self,
                            const char    *path,
                            GDALDatasetH  *dataset)
{
  OpenReport report = { NULL };
  g_autofree char *driver = NULL;
  OGRLayerH layer;
  PvTextMode mode = { .raw = FALSE, .encoding = PV_ENCODING_UTF8, .origin = PV_ENCODING_ORIGIN_UNICODE,
                      .confidence = 1.0 };
  gboolean ours = FALSE;

  self->text = self->text_auto = mode;
  *dataset = open_source (path, FALSE, &report);
  if (*dataset == NULL)
    {
      open_report_clear (&report);
      return;
    }
  driver = g_strdup (GDALGetDriverShortName (GDALGetDatasetDriver (*dataset)));
  layer = GDALDatasetGetLayer (*dataset, self->layer_index);

  if (g_strcmp0 (driver, "ESRI Shapefile") == 0)
    {
      const char *cpg = GDALGetMetadataItem (layer, "CPG_VALUE", "SHAPEFILE");
      const char *from_cpg = GDALGetMetadataItem (layer, "ENCODING_FROM_CPG", "SHAPEFILE");
      const char *ldid = GDALGetMetadataItem (layer, "LDID_VALUE", "SHAPEFILE");
      const char *from_ldid = GDALGetMetadataItem (layer, "ENCODING_FROM_LDID", "SHAPEFILE");
      g_autofree char *declared = NULL;

      if (cpg != NULL && *cpg != '\0')
        {
          g_autofree char *stripped = g_strstrip (g_strdup (cpg));

          declared = g_strdup (from_cpg != NULL && *from_cpg != '\0' ? from_cpg : cpg);
          set_declared (self, stripped, _("the .cpg file"));
        }
      else if (from_ldid != NULL && *from_ldid != '\0')
        {
          g_autofree char *by = g_strdup_printf (_("the DBF language driver (LDID %s)"), ldid ? ldid : "?");

          declared = g_strdup (from_ldid);
          set_declared (self, from_ldid, by);
        }
      reopen_raw (self, path, dataset);
      layer = GDALDatasetGetLayer (*dataset, self->layer_index);
      if (declared != NULL)
        {
          mode = mode_for_declaration (declared, layer, NULL, &ours);
          if (!ours)
            {
              /* Another script (CP936, CP1251…): GDAL decodes it right. */
              GDALDatasetH decoded = open_source (path, FALSE, NULL);

              if (decoded != NULL)
                {
                  GDALClose (*dataset);
                  *dataset = decoded;
                }
              mode = (PvTextMode) { .raw = FALSE, .encoding = PV_ENCODING_UTF8,
                                    .origin = PV_ENCODING_ORIGIN_GDAL, .confidence = 1.0 };
            }
        }
      else if (layer != NULL)
        mode = detect (layer, NULL);
    }
  else if (g_strcmp0 (driver, "DXF") == 0)
    {
      g_autofree char *number = NULL;

      if (report.dxf_code_page != NULL)
        {
          number = g_ascii_strncasecmp (report.dxf_code_page, "ANSI_", 5) == 0
                   ? g_strdup (report.dxf_code_page + 5) : g_strdup (report.dxf_code_page);
          set_declared (self, report.dxf_code_page, _("the drawing’s code page ($DWGCODEPAGE)"));
        }
      reopen_raw (self, path, dataset);
      layer = GDALDatasetGetLayer (*dataset, self->layer_index);
      if (layer == NULL)
        ;
      else if (number != NULL)
        {
          /* ANSI_1252 is what most CAD programs write whatever the text. */
          mode = mode_for_declaration (g_str_equal (number, "1252") ? "ISO-8859-1" : number, layer,
                                       "ISO-8859-1", &ours);
          if (!ours)
            {
              GDALDatasetH decoded = open_source (path, FALSE, NULL);

              if (decoded != NULL)
                {
                  GDALClose (*dataset);
                  *dataset = decoded;
                }
              mode = (PvTextMode) { .raw = FALSE, .encoding = PV_ENCODING_UTF8,
                                    .origin = PV_ENCODING_ORIGIN_GDAL, .confidence = 1.0 };
            }
        }
      else
        mode = detect (layer, "ISO-8859-1");
    }
  else if (layer != NULL && report.mapinfo_charset != NULL)
    {
      /* GDAL has no converter for it and passes the bytes. */
      set_declared (self, report.mapinfo_charset, _("the table’s charset"));
      mode = mode_for_declaration (report.mapinfo_charset, layer, NULL, &ours);
      if (!ours)
        mode = detect (layer, NULL);
    }
  else if (layer != NULL)
    {
      g_autoptr(GPtrArray) samples = collect_samples (layer, NULL);
      gboolean gdal_decodes = OGR_L_TestCapability (layer, OLCStringsAsUTF8);

      /* Drivers that do not decode (CSV, DGN, MapInfo "Neutral"…) hand over
       * whatever bytes the file holds. */
      if (!samples_are_utf8 (samples))
        mode = detect (layer, NULL);
      else if (gdal_decodes && g_str_equal (driver, "MapInfo File"))
        {
          /* Old Vietnamese tables (.VnTime fonts) declare WindowsLatin1 over
           * TCVN3 or VNI bytes: undo GDAL's CP1252 and look at the bytes. */
          PvTextMode wrapped = mode_for_wrapped_latin1 (samples);

          set_declared (self, NULL, _("the table’s charset"));
          if (wrapped.raw)
            mode = wrapped;
          else
            mode.origin = PV_ENCODING_ORIGIN_GDAL;
        }
      else if (!gdal_decodes)
        mode.origin = PV_ENCODING_ORIGIN_DETECTED;
    }

  open_report_clear (&report);
  self->text = mode;
  self->text_auto = mode;
}

/* ------------------------------------------------------------ the mirror */

#define MIRROR_CANCEL_CHECK_INTERVAL 4096

static GDALDatasetH
build_mirror (PvVectorLayer  *self,
              OGRLayerH       source,
              GCancellable   *cancellable,
              GError        **error)
{
  g_auto(GDALDatasetH) mirror = NULL;
  OGRFeatureDefnH source_defn = OGR_L_GetLayerDefn (source);
  int n_fields = OGR_FD_GetFieldCount (source_defn);
  g_autofree int *identity = g_new (int, MAX (n_fields, 1));
  OGRLayerH layer;
  guint count = 0;

  mirror = GDALCreate (GDALGetDriverByName ("Memory"), "", 0, 0, 0, GDT_Unknown, NULL);
  layer = mirror ? GDALDatasetCreateLayer (mirror, "attributes", NULL, wkbNone, NULL) : NULL;
  if (layer == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                          pv_layer_get_source (PV_LAYER (self)), _("the attributes cannot be decoded"));
      return NULL;
    }
  for (int i = 0; i < n_fields; i++)
    {
      OGRFieldDefnH fd = OGR_FD_GetFieldDefn (source_defn, i);
      g_autofree char *name = _pv_vector_layer_decode (self, OGR_Fld_GetNameRef (fd));
      OGRFieldDefnH copy = OGR_Fld_Create (name, OGR_Fld_GetType (fd));

      OGR_Fld_SetSubType (copy, OGR_Fld_GetSubType (fd));
      OGR_L_CreateField (layer, copy, TRUE);
      OGR_Fld_Destroy (copy);
      identity[i] = i;
    }

  OGR_L_SetIgnoredFields (source, (const char *[]) { "OGR_GEOMETRY", "OGR_STYLE", NULL });
  OGR_L_ResetReading (source);
  for (;;)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (source);
      g_auto(OGRFeatureH) copy = NULL;

      if (feature == NULL)
        break;
      if (++count % MIRROR_CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          OGR_L_SetIgnoredFields (source, NULL);
          return NULL;
        }
      copy = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGR_F_SetFromWithMap (copy, feature, TRUE, identity);
      for (int i = 0; i < n_fields; i++)
        if (OGR_Fld_GetType (OGR_FD_GetFieldDefn (source_defn, i)) == OFTString &&
            OGR_F_IsFieldSetAndNotNull (feature, i))
          {
            g_autofree char *text = _pv_vector_layer_decode (self, OGR_F_GetFieldAsString (feature, i));

            OGR_F_SetFieldString (copy, i, text);
          }
      OGR_F_SetFID (copy, OGR_F_GetFID (feature));
      if (OGR_L_CreateFeature (layer, copy) != OGRERR_NONE)
        {
          OGR_L_SetIgnoredFields (source, NULL);
          _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                              pv_layer_get_source (PV_LAYER (self)), _("the attributes cannot be decoded"));
          return NULL;
        }
    }
  OGR_L_SetIgnoredFields (source, NULL);
  return g_steal_pointer (&mirror);
}

OGRLayerH
_pv_vector_layer_filter_layer_locked (PvVectorLayer  *self,
                                      GCancellable   *cancellable,
                                      GError        **error)
{
  const char *path = pv_layer_get_source (PV_LAYER (self));
  OGRLayerH source;

  if (self->attribute_dataset == NULL)
    self->attribute_dataset = _pv_vector_open_source (path, self->text.raw);
  source = self->attribute_dataset ? GDALDatasetGetLayer (self->attribute_dataset, self->layer_index) : NULL;
  if (source == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND, path,
                          _("the file can no longer be read"));
      return NULL;
    }
  _pv_vector_layer_window_filter_locked (self, source);
  /* UTF-8 bytes compare as they are. */
  if (!self->text.raw || (self->text.encoding == PV_ENCODING_UTF8 && self->text.wrap == NULL))
    return source;
  /* SQL compares the file's bytes: for legacy text, a decoded copy, made
   * once (filters and rule-based styles run many). */
  if (self->mirror == NULL && !(self->mirror = build_mirror (self, source, cancellable, error)))
    return NULL;
  return GDALDatasetGetLayer (self->mirror, 0);
}

void
_pv_vector_layer_clear_text (PvVectorLayer *self)
{
  g_clear_pointer (&self->mirror, GDALClose);
  g_clear_pointer (&self->declared_encoding, g_free);
  g_clear_pointer (&self->declared_by, g_free);
  g_clear_pointer (&self->retired_names, g_ptr_array_unref);
}

/* ------------------------------------------------------------ public API */

PvEncoding
pv_vector_layer_get_encoding (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), PV_ENCODING_UTF8);

  return self->text.encoding;
}

PvEncodingOrigin
pv_vector_layer_get_encoding_origin (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), PV_ENCODING_ORIGIN_UNICODE);

  return self->text.origin;
}

double
pv_vector_layer_get_encoding_confidence (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), 0.0);

  return self->text.confidence;
}

const char *
pv_vector_layer_get_declared_encoding (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  return self->declared_encoding;
}

char *
pv_vector_layer_dup_encoding_description (PvVectorLayer *self)
{
  const char *label;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  label = pv_encoding_get_label (self->text.encoding);
  switch (self->text.origin)
    {
    case PV_ENCODING_ORIGIN_UNICODE:
      /* Translators: the text encoding of a GeoPackage, GeoJSON… layer. */
      return g_strdup (_("Unicode (UTF-8), as the format requires"));
    case PV_ENCODING_ORIGIN_DECLARED:
      /* Translators: %1$s an encoding, %2$s where it is declared, e.g. “the .cpg file”. */
      return g_strdup_printf (_("%1$s — declared by %2$s"), label, self->declared_by ? self->declared_by : "?");
    case PV_ENCODING_ORIGIN_DETECTED:
      if (self->declared_encoding != NULL)
        /* Translators: %1$s the detected encoding, %2$.0f a percentage, %3$s the declared encoding, %4$s where. */
        return g_strdup_printf (_("%1$s — detected (%2$.0f %%), although %4$s declares %3$s"), label,
                                100 * self->text.confidence, self->declared_encoding,
                                self->declared_by ? self->declared_by : "?");
      /* Translators: %1$s an encoding, %2$.0f how sure the detection is, in per cent. */
      return g_strdup_printf (_("%1$s — detected (%2$.0f %%)"), label, 100 * self->text.confidence);
    case PV_ENCODING_ORIGIN_USER:
      /* Translators: %s an encoding the user chose for a layer. */
      return g_strdup_printf (_("%s — chosen by you"), label);
    case PV_ENCODING_ORIGIN_GDAL:
    default:
      if (self->declared_encoding != NULL)
        /* Translators: %1$s an encoding name such as CP936, %2$s where it is declared. */
        return g_strdup_printf (_("%1$s — declared by %2$s, decoded by GDAL"), self->declared_encoding,
                                self->declared_by ? self->declared_by : "?");
      /* Translators: %s where the encoding is declared, e.g. “the table’s charset”. */
      return g_strdup_printf (_("as declared by %s, decoded by GDAL"), self->declared_by ? self->declared_by : "?");
    }
}

gboolean
pv_vector_layer_can_set_encoding (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);

  return self->text_auto.raw || driver_can_read_raw (pv_vector_layer_get_driver_name (self));
}

gboolean
pv_vector_layer_set_encoding (PvVectorLayer  *self,
                              PvEncoding      encoding,
                              gboolean        automatic,
                              GCancellable   *cancellable,
                              GError        **error)
{
  const char *path;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvLabeling) labeling = NULL;
  g_auto(GDALDatasetH) dataset = NULL;
  g_autoptr(GPtrArray) names = NULL;
  OGRLayerH layer;
  PvTextMode mode;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);
  g_return_val_if_fail ((guint) encoding < PV_ENCODING_N_ENCODINGS, FALSE);

  path = pv_layer_get_source (PV_LAYER (self));
  if (automatic)
    mode = self->text_auto;
  else
    {
      if (!pv_vector_layer_can_set_encoding (self))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                       _("%s: the text of this format is decoded by GDAL and its encoding cannot be changed"),
                       display);
          return FALSE;
        }
      mode = (PvTextMode) {
        .raw = TRUE,
        .wrap = g_strcmp0 (pv_vector_layer_get_driver_name (self), "DXF") == 0 ? "ISO-8859-1" : self->text_auto.wrap,
        .encoding = encoding,
        .origin = PV_ENCODING_ORIGIN_USER,
        .confidence = 1.0,
      };
    }
  if (mode.raw == self->text.raw && g_strcmp0 (mode.wrap, self->text.wrap) == 0 &&
      mode.encoding == self->text.encoding && mode.origin == self->text.origin)
    return TRUE;

  dataset = _pv_vector_open_source (path, mode.raw);
  layer = dataset ? GDALDatasetGetLayer (dataset, self->layer_index) : NULL;
  if (layer == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND, path,
                          _("the file can no longer be read"));
      return FALSE;
    }

  g_mutex_lock (&self->attribute_mutex);
  g_clear_pointer (&self->attribute_dataset, GDALClose);
  g_clear_pointer (&self->mirror, GDALClose);
  self->text = mode;
  names = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < OGR_FD_GetFieldCount (OGR_L_GetLayerDefn (layer)); i++)
    g_ptr_array_add (names, _pv_vector_layer_decode (self,
                                                     OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (OGR_L_GetLayerDefn (layer), i))));
  if (names->len == self->field_names->len)
    {
      /* Callers may still hold the old names: they live as long as the layer. */
      if (self->retired_names == NULL)
        self->retired_names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      g_ptr_array_add (self->retired_names, self->field_names);
      self->field_names = g_steal_pointer (&names);
    }
  g_mutex_unlock (&self->attribute_mutex);

  /* Categories and labels come from the text: read them again. */
  style = pv_vector_layer_dup_style (self);
  if (style != NULL && pv_style_get_kind (style) != PV_STYLE_SINGLE &&
      !pv_vector_layer_set_style (self, style, cancellable, error))
    return FALSE;
  labeling = pv_vector_layer_dup_labeling (self);
  if (labeling != NULL && !pv_vector_layer_set_labeling (self, labeling, cancellable, error))
    return FALSE;
  _pv_vector_layer_emit_text_changed (self);
  return TRUE;
}

/* ------------------------------------------------------------ sublayers */

static void
sublayer_free (PvSublayer *sublayer)
{
  g_free (sublayer->value);
  g_free (sublayer);
}

GPtrArray *
_pv_vector_list_sublayers (const char   *path,
                           int           layer_index,
                           const char   *field,
                           GCancellable *cancellable)
{
  /* A bare layer, for its text decoding only. */
  g_autoptr(PvVectorLayer) probe = g_object_new (PV_TYPE_VECTOR_LAYER, NULL);
  g_autoptr(GHashTable) by_value = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sublayers = g_ptr_array_new_with_free_func ((GDestroyNotify) sublayer_free);
  g_auto(GDALDatasetH) dataset = NULL;
  OGRLayerH layer;
  int index;
  guint count = 0;

  probe->layer_index = layer_index;
  _pv_vector_layer_init_text (probe, path, &dataset);
  layer = dataset ? GDALDatasetGetLayer (dataset, layer_index) : NULL;
  if (layer == NULL || (index = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), field)) < 0)
    return NULL;

  _pv_ogr_read_only_fields (layer, &index, 1);
  OGR_L_ResetReading (layer);
  for (;;)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);
      g_autofree char *value = NULL;
      PvSublayer *sublayer;

      if (feature == NULL)
        break;
      if (++count % MIRROR_CANCEL_CHECK_INTERVAL == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;
      value = _pv_vector_layer_decode (probe, OGR_F_GetFieldAsString (feature, index));
      sublayer = g_hash_table_lookup (by_value, value);
      if (sublayer == NULL)
        {
          sublayer = g_new0 (PvSublayer, 1);
          sublayer->value = g_steal_pointer (&value);
          g_ptr_array_add (sublayers, sublayer);
          g_hash_table_insert (by_value, sublayer->value, sublayer);
        }
      sublayer->n_features++;
    }
  return g_steal_pointer (&sublayers);
}

gboolean
pv_vector_layer_get_subset (PvVectorLayer  *self,
                            const char    **field,
                            const char    **value)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);

  if (field != NULL)
    *field = self->subset_field;
  if (value != NULL)
    *value = self->subset_value;
  return self->subset_field != NULL;
}
