/* pv-cad.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_vsi.h>
#include <gdal.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pv-cad.h"
#include "pv-error.h"

/* Identification only: a few leading bytes say which CAD format a file is,
 * so the user learns what to do instead of GDAL's "not recognized". */

#define MAGIC_LEN 8

/* Every DWG starts with its version string: "AC1.2", "AC1.40", "AC1.50",
 * "AC2.10" for the oldest, then "AC1001" … "AC1032" (R2018). */
static gboolean
is_dwg_magic (const guint8 *magic,
              gsize         len)
{
  if (len < 6 || memcmp (magic, "AC", 2) != 0)
    return FALSE;
  if (memcmp (magic + 2, "10", 2) == 0)
    return g_ascii_isdigit (magic[4]) && g_ascii_isdigit (magic[5]);
  return (magic[2] == '1' || magic[2] == '2') && magic[3] == '.' && g_ascii_isdigit (magic[4]);
}

/* DGN V8 files are OLE2 compound documents; DGN V7 (ISFF) files are not. */
static gboolean
is_ole2_magic (const guint8 *magic,
               gsize         len)
{
  static const guint8 ole2[MAGIC_LEN] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  return len == MAGIC_LEN && memcmp (magic, ole2, MAGIC_LEN) == 0;
}

static gboolean
has_extension (const char *path,
               const char *extension)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, extension);
}

gboolean
_pv_cad_check_supported (const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *display = NULL;
  guint8 magic[MAGIC_LEN] = { 0 };
  gsize len = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  /* Unreadable files are left to the open path, which says why. */
  if (stream == NULL)
    return TRUE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &len, NULL, NULL))
    return TRUE;

  display = g_filename_display_name (path);
  if (is_dwg_magic (magic, len) || has_extension (path, ".dwg"))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                   /* translators: %s is a file name. DWG, DXF: AutoCAD formats;
                    * keep the menu names as the programs show them. */
                   _("%s is an AutoCAD DWG drawing, which PlanViewer cannot read. "
                     "Save it as DXF (in AutoCAD or BricsCAD: Save As → DXF, or convert it "
                     "with the free ODA File Converter) and open the DXF file."),
                   display);
      return FALSE;
    }
  if (is_ole2_magic (magic, len) && has_extension (path, ".dgn"))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                   /* translators: %s is a file name. DGN: MicroStation format;
                    * keep the menu names as MicroStation shows them. */
                   _("%s is a MicroStation DGN V8 file, which PlanViewer cannot read. "
                     "Save it as DGN V7 (in MicroStation: Save As → V7 DGN) or as DXF, "
                     "and open that file."),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* Binary DXF files start with this sentinel (then "\r\n\x1a\0"): NUL bytes
 * are part of them. */
#define BINARY_DXF_SENTINEL "AutoCAD Binary DXF"
#define DXF_CHUNK (256 * 1024)

/* Whether a file's final CR ends it harmlessly: as the second half of an
 * LF CR line break, or after the line "EOF" (DXF's end marker, spaces
 * allowed) in a file with old Mac line breaks (CR only). */
static gboolean
final_cr_is_harmless (const char *tail,
                      gsize       len)
{
  gsize start;
  g_autofree char *line = NULL;

  if (len == 0 || tail[len - 1] != '\r')
    return FALSE;
  len--;
  if (len > 0 && tail[len - 1] == '\n')
    return TRUE;
  start = len;
  while (start > 0 && tail[start - 1] != '\r' && tail[start - 1] != '\n')
    start--;
  line = g_strndup (tail + start, len - start);
  return g_strcmp0 (g_strstrip (line), "EOF") == 0;
}

gboolean
_pv_cad_check_dxf_line_breaks (const char  *path,
                               GError     **error)
{
  const char *const dxf_only[] = { "DXF", NULL };
  g_autofree char *chunk = NULL;
  VSILFILE *file;
  vsi_l_offset offset = 0;
  gboolean previous_was_cr = FALSE;
  gboolean cut = FALSE;
  vsi_l_offset cut_at = 0;
  char tail[16];
  gsize tail_len = 0;
  size_t n;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (GDALIdentifyDriverEx (path, GDAL_OF_VECTOR, dxf_only, NULL) == NULL)
    return TRUE;
  if ((file = VSIFOpenL (path, "rb")) == NULL)
    return TRUE;
  chunk = g_malloc (DXF_CHUNK);
  while (!cut && (n = VSIFReadL (chunk, 1, DXF_CHUNK, file)) > 0)
    {
      const char *p = chunk;
      const char *end = chunk + n;

      if (offset == 0 && n >= strlen (BINARY_DXF_SENTINEL) &&
          memcmp (chunk, BINARY_DXF_SENTINEL, strlen (BINARY_DXF_SENTINEL)) == 0)
        break;
      if (previous_was_cr && chunk[0] == '\0')
        {
          cut = TRUE;
          cut_at = offset - 1;
          break;
        }
      while ((p = memchr (p, '\r', end - p)) != NULL && p + 1 < end)
        {
          if (p[1] == '\0')
            {
              cut = TRUE;
              cut_at = offset + (p - chunk);
              break;
            }
          p++;
        }
      previous_was_cr = chunk[n - 1] == '\r';
      /* The file's last bytes, for its last line. */
      if (n >= sizeof tail - 1)
        {
          memcpy (tail, end - (sizeof tail - 1), sizeof tail - 1);
          tail_len = sizeof tail - 1;
        }
      else
        {
          gsize keep = MIN (tail_len, sizeof tail - 1 - n);

          memmove (tail, tail + tail_len - keep, keep);
          memcpy (tail + keep, chunk, n);
          tail_len = keep + n;
        }
      offset += n;
    }
  VSIFCloseL (file);
  if (!cut && previous_was_cr && !final_cr_is_harmless (tail, tail_len))
    {
      cut = TRUE;
      cut_at = offset - 1;
    }
  if (cut)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *byte = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) cut_at);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   /* translators: the first %s is a file name, the second a byte's position in it. */
                   _("%s: the DXF file is damaged: the line break at byte %s is cut off "
                     "(a carriage return followed by nothing or by a zero byte), and GDAL cannot read past it. "
                     "Save the drawing again from the CAD program."),
                   display, byte);
      return FALSE;
    }
  return TRUE;
}
