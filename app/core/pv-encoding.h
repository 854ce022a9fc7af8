/* pv-encoding.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text encodings of Vietnamese data as it arrives (see vietnam.md §3). */
typedef enum
{
  PV_ENCODING_UTF8,
  PV_ENCODING_CP1258,   /* Windows-1258: base letters + combining tone marks */
  PV_ENCODING_TCVN3,    /* TCVN 5712:1993 VN3 (ABC fonts .VnTime) */
  PV_ENCODING_VNI,      /* VNI-Windows: base letter + modifier bytes */
  PV_ENCODING_VISCII,   /* RFC 1456 */
  PV_ENCODING_LATIN1,   /* ISO-8859-1, for data that is not Vietnamese */
} PvEncoding;

#define PV_ENCODING_N_ENCODINGS (PV_ENCODING_LATIN1 + 1)

/* Where a layer's encoding comes from. */
typedef enum
{
  PV_ENCODING_ORIGIN_UNICODE,   /* the format stores Unicode (GeoPackage, GeoJSON…) */
  PV_ENCODING_ORIGIN_DECLARED,  /* the source says so (.cpg, LDID, charset, code page) */
  PV_ENCODING_ORIGIN_DETECTED,  /* scored from the text itself */
  PV_ENCODING_ORIGIN_USER,      /* chosen by the user (saved in the project) */
  PV_ENCODING_ORIGIN_GDAL,      /* declared, and decoded by GDAL (an encoding other than these) */
} PvEncodingOrigin;

/* Canonical id: "UTF-8", "CP1258", "TCVN3", "VNI-Windows", "VISCII", "ISO-8859-1". */
const char *pv_encoding_get_name  (PvEncoding  enc);
/* Translated, human-readable label for menus and layer properties. */
const char *pv_encoding_get_label (PvEncoding  enc);
/* Accepts the canonical ids and common aliases (case-insensitive, ignoring
 * '-', '_' and spaces): "1258", "WINDOWS-1258", "WindowsVietnamese",
 * "ANSI_1258", "TCVN", "TCVN5712", "VN3", "ABC", "VNI", "VISCII", "UTF8",
 * "LATIN1", "8859-1", "CP1252"… Returns FALSE for unknown names. */
gboolean    pv_encoding_from_name (const char *name,
                                   PvEncoding *out_enc);

/* Decodes @len bytes (-1: NUL-terminated; a NUL byte ends the text) to
 * NFC UTF-8, to the last character. Invalid or unmapped bytes become U+FFFD. Never returns NULL. */
char       *pv_encoding_decode    (PvEncoding  enc,
                                   const char *bytes,
                                   gssize      len);

/* @text (valid UTF-8) in Unicode's stream-safe format (UAX #15): a
 * combining grapheme joiner (U+034F) after every 30 combining marks in a
 * row. No real text has such a run; hostile text with one would make
 * normalizing (GLib's, or a collation key) take quadratic time. Text
 * without one comes back unchanged (a copy). */
char       *pv_utf8_make_stream_safe (const char *text,
                                      gssize      len);

/* g_utf8_normalize() in linear time: @text (valid UTF-8; @len -1 when
 * NUL-terminated) is made stream-safe, then normalized piece by piece, cut
 * before the starters no composition can join to what precedes them. GLib
 * composes by moving the rest of the text down one character for every
 * pair it joins: whole, a long value in VNI (decomposed) would take
 * quadratic time. */
char       *pv_utf8_normalize     (const char     *text,
                                   gssize          len,
                                   GNormalizeMode  mode);

/* Guesses the encoding of undeclared text from sample strings (e.g. the
 * attribute values of a layer). Valid UTF-8 (including pure ASCII) is UTF-8;
 * otherwise each legacy decoding is scored as Vietnamese text. @confidence
 * (may be NULL) receives 0…1. */
PvEncoding  pv_encoding_detect    (const char * const *samples,
                                   guint               n_samples,
                                   double             *confidence);

G_END_DECLS
