/* pv-encoding.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoding and detection of Vietnamese legacy text encodings. The tables are
 * our own, so every decoder is stateless and complete to the last byte (the
 * glibc CP1258/TCVN decoders hold the last letter back waiting for a
 * combining mark, and GDAL 3.6 never flushes them: vietnam.md §3.3).
 *
 * Sources: CP1258, VISCII and the TCVN 5712 upper half were generated from
 * glibc's CP1258, VISCII and TCVN5712-1 charmaps (iconv, byte by byte); the
 * VNI-Windows modifier scheme follows vietnam.md §3.2.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pv-encoding.h"

/* cp1258 bytes 0x80-0xFF (generated from glibc's CP1258 charmap) */
static const guint16 cp1258_high[128] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
  0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
  0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
  0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
  0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
  0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
  0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
  0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
  0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
  0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
  0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
  0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
};
/* viscii bytes 0x80-0xFF (generated from glibc's VISCII charmap) */
static const guint16 viscii_high[128] = {
  0x1EA0, 0x1EAE, 0x1EB0, 0x1EB6, 0x1EA4, 0x1EA6, 0x1EA8, 0x1EAC,
  0x1EBC, 0x1EB8, 0x1EBE, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EC6, 0x1ED0,
  0x1ED2, 0x1ED4, 0x1ED6, 0x1ED8, 0x1EE2, 0x1EDA, 0x1EDC, 0x1EDE,
  0x1ECA, 0x1ECE, 0x1ECC, 0x1EC8, 0x1EE6, 0x0168, 0x1EE4, 0x1EF2,
  0x00D5, 0x1EAF, 0x1EB1, 0x1EB7, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAD,
  0x1EBD, 0x1EB9, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7, 0x1ED1,
  0x1ED3, 0x1ED5, 0x1ED7, 0x1EE0, 0x01A0, 0x1ED9, 0x1EDD, 0x1EDF,
  0x1ECB, 0x1EF0, 0x1EE8, 0x1EEA, 0x1EEC, 0x01A1, 0x1EDB, 0x01AF,
  0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x1EA2, 0x0102, 0x1EB3, 0x1EB5,
  0x00C8, 0x00C9, 0x00CA, 0x1EBA, 0x00CC, 0x00CD, 0x0128, 0x1EF3,
  0x0110, 0x1EE9, 0x00D2, 0x00D3, 0x00D4, 0x1EA1, 0x1EF7, 0x1EEB,
  0x1EED, 0x00D9, 0x00DA, 0x1EF9, 0x1EF5, 0x00DD, 0x1EE1, 0x01B0,
  0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x1EA3, 0x0103, 0x1EEF, 0x1EAB,
  0x00E8, 0x00E9, 0x00EA, 0x1EBB, 0x00EC, 0x00ED, 0x0129, 0x1EC9,
  0x0111, 0x1EF1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x1ECF, 0x1ECD,
  0x1EE5, 0x00F9, 0x00FA, 0x0169, 0x1EE7, 0x00FD, 0x1EE3, 0x1EEE,
};
/* VISCII's six reassigned C0 codes */
static const struct { guint8 byte; guint16 uc; } viscii_c0[] = {
  { 0x02, 0x1EB2 },
  { 0x05, 0x1EB4 },
  { 0x06, 0x1EAA },
  { 0x14, 0x1EF6 },
  { 0x19, 0x1EF8 },
  { 0x1E, 0x1EF4 },
};
/* tcvn_vn2 bytes 0x80-0xFF (generated from glibc's TCVN5712-1 charmap) */
static const guint16 tcvn_vn2_high[128] = {
  0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8,
  0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128,
  0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8,
  0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168,
  0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
  0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
  0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
  0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
  0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
  0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
  0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
  0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
  0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
  0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
  0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
  0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};

static const struct
{
  const char *name;
  const char *label;
} encodings[PV_ENCODING_N_ENCODINGS] = {
  [PV_ENCODING_UTF8]   = { "UTF-8",       N_("Unicode (UTF-8)") },
  [PV_ENCODING_CP1258] = { "CP1258",      N_("Vietnamese (Windows-1258)") },
  [PV_ENCODING_TCVN3]  = { "TCVN3",       N_("Vietnamese (TCVN3, ABC)") },
  [PV_ENCODING_VNI]    = { "VNI-Windows", N_("Vietnamese (VNI-Windows)") },
  [PV_ENCODING_VISCII] = { "VISCII",      N_("Vietnamese (VISCII)") },
  [PV_ENCODING_LATIN1] = { "ISO-8859-1",  N_("Western (ISO-8859-1)") },
};

/* Aliases, compared after dropping '-', '_', ' ', '.' and upper-casing. */
static const struct
{
  const char *alias;
  PvEncoding  enc;
} aliases[] = {
  { "UTF8", PV_ENCODING_UTF8 },
  { "65001", PV_ENCODING_UTF8 },
  { "CP1258", PV_ENCODING_CP1258 },
  { "1258", PV_ENCODING_CP1258 },
  { "WINDOWS1258", PV_ENCODING_CP1258 },
  { "WIN1258", PV_ENCODING_CP1258 },
  { "WINDOWSVIETNAMESE", PV_ENCODING_CP1258 },
  { "ANSI1258", PV_ENCODING_CP1258 },
  { "TCVN3", PV_ENCODING_TCVN3 },
  { "TCVN", PV_ENCODING_TCVN3 },
  { "TCVN5712", PV_ENCODING_TCVN3 },
  { "TCVN57121", PV_ENCODING_TCVN3 },
  { "TCVN571211993", PV_ENCODING_TCVN3 },
  { "VN3", PV_ENCODING_TCVN3 },
  { "ABC", PV_ENCODING_TCVN3 },
  { "VNI", PV_ENCODING_VNI },
  { "VNIWINDOWS", PV_ENCODING_VNI },
  { "VNIWIN", PV_ENCODING_VNI },
  { "VISCII", PV_ENCODING_VISCII },
  { "ISO88591", PV_ENCODING_LATIN1 },
  { "88591", PV_ENCODING_LATIN1 },
  { "LATIN1", PV_ENCODING_LATIN1 },
  { "CP1252", PV_ENCODING_LATIN1 },
  { "1252", PV_ENCODING_LATIN1 },
  { "WINDOWS1252", PV_ENCODING_LATIN1 },
};

const char *
pv_encoding_get_name (PvEncoding enc)
{
  g_return_val_if_fail ((guint) enc < PV_ENCODING_N_ENCODINGS, NULL);
  return encodings[enc].name;
}

const char *
pv_encoding_get_label (PvEncoding enc)
{
  g_return_val_if_fail ((guint) enc < PV_ENCODING_N_ENCODINGS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, encodings[enc].label);
}

gboolean
pv_encoding_from_name (const char *name,
                       PvEncoding *out_enc)
{
  g_autoptr(GString) key = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  key = g_string_new (NULL);
  for (const char *p = name; *p; p++)
    {
      if (*p == '-' || *p == '_' || *p == ' ' || *p == '.' || *p == ':')
        continue;
      g_string_append_c (key, g_ascii_toupper (*p));
    }

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (g_str_equal (key->str, aliases[i].alias))
        {
          if (out_enc != NULL)
            *out_enc = aliases[i].enc;
          return TRUE;
        }
    }
  return FALSE;
}

/* VNI-Windows: modifier bytes (both cases) as combining marks; the tone
 * letter then composes with the preceding base under NFC. */
static const char *
vni_modifier (guint8 b)
{
  switch (b)
    {
    case 0xF9: case 0xD9: return "\xCC\x81";             /* acute */
    case 0xF8: case 0xD8: return "\xCC\x80";             /* grave */
    case 0xFB: case 0xDB: return "\xCC\x89";             /* hook above */
    case 0xF5: case 0xD5: return "\xCC\x83";             /* tilde */
    case 0xEF: case 0xCF: return "\xCC\xA3";             /* dot below */
    case 0xE2: case 0xC2: return "\xCC\x82";             /* circumflex */
    case 0xE1: case 0xC1: return "\xCC\x82\xCC\x81";
    case 0xE0: case 0xC0: return "\xCC\x82\xCC\x80";
    case 0xE5: case 0xC5: return "\xCC\x82\xCC\x89";
    case 0xE3: case 0xC3: return "\xCC\x82\xCC\x83";
    case 0xE4: case 0xC4: return "\xCC\x82\xCC\xA3";
    case 0xEA: case 0xCA: return "\xCC\x86";             /* breve */
    case 0xE9: case 0xC9: return "\xCC\x86\xCC\x81";
    case 0xE8: case 0xC8: return "\xCC\x86\xCC\x80";
    case 0xFA: case 0xDA: return "\xCC\x86\xCC\x89";
    case 0xFC: case 0xDC: return "\xCC\x86\xCC\x83";
    case 0xEB: case 0xCB: return "\xCC\x86\xCC\xA3";
    default: return NULL;
    }
}

/* VNI-Windows single-byte letters. */
static gunichar
vni_single (guint8 b)
{
  switch (b)
    {
    case 0xF6: return 0x01B0;   /* ư */
    case 0xD6: return 0x01AF;   /* Ư */
    case 0xF4: return 0x01A1;   /* ơ */
    case 0xD4: return 0x01A0;   /* Ơ */
    case 0xF1: return 0x0111;   /* đ */
    case 0xD1: return 0x0110;   /* Đ */
    case 0xED: return 0x00ED;   /* í */
    case 0xCD: return 0x00CD;   /* Í */
    case 0xEC: return 0x00EC;   /* ì */
    case 0xCC: return 0x00CC;   /* Ì */
    case 0xE6: return 0x1EC9;   /* ỉ */
    case 0xC6: return 0x1EC8;   /* Ỉ */
    case 0xF3: return 0x0129;   /* ĩ */
    case 0xD3: return 0x0128;   /* Ĩ */
    case 0xF2: return 0x1ECB;   /* ị */
    case 0xD2: return 0x1ECA;   /* Ị */
    case 0xEE: return 0x1EF5;   /* ỵ */
    case 0xCE: return 0x1EF4;   /* Ỵ */
    default: return 0;
    }
}

/* CP1252 for the VNI bytes that are neither letters nor modifiers
 * (punctuation in 0x80–0xBF as in the VNI fonts). */
static gunichar
cp1252_byte (guint8 b)
{
  static const guint16 c1[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
  };
  if (b >= 0x80 && b < 0xA0)
    return c1[b - 0x80];
  return b;
}

static gboolean
is_tcvn3_lower_letter (guint8 b)
{
  /* The 67 lower-case letters of VN3 (ă â ê ô ơ ư đ and the toned ones). */
  return (b >= 0xA8 && b <= 0xAE) || (b >= 0xB5 && b <= 0xFE &&
          b != 0xBA && b != 0xBF && b != 0xC0 && b != 0xC1 && b != 0xC2 &&
          b != 0xC3 && b != 0xC4 && b != 0xC5 && b != 0xCD && b != 0xD9 &&
          b != 0xDA && b != 0xDB && b != 0xE0 && b != 0xF0);
}

/* VN3 has no toned capitals: all-caps text typed with a .VnTimeH font is
 * stored with the lower-case codes. Restore capitals inside all-caps words
 * (and throughout text without any ASCII lower-case letter). */
static void
tcvn3_recase (GArray   *chars,
              GArray   *from_vn3,
              gboolean  whole_caps)
{
  guint i = 0;

  while (i < chars->len)
    {
      guint start = i, n_upper = 0, n_ascii_lower = 0;

      while (i < chars->len && g_unichar_isalpha (g_array_index (chars, gunichar, i)))
        {
          gunichar c = g_array_index (chars, gunichar, i);
          if (g_unichar_isupper (c))
            n_upper++;
          else if (c < 0x80)
            n_ascii_lower++;
          i++;
        }
      if (n_ascii_lower == 0 && (n_upper >= 2 || (whole_caps && n_upper >= 1)))
        {
          for (guint j = start; j < i; j++)
            if (g_array_index (from_vn3, gboolean, j))
              g_array_index (chars, gunichar, j) =
                g_unichar_toupper (g_array_index (chars, gunichar, j));
        }
      if (i == start)
        i++;
    }
}

static char *
decode_tcvn3 (const guint8 *b,
              gsize         len)
{
  g_autoptr(GArray) chars = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), len);
  g_autoptr(GArray) from_vn3 = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), len);
  g_autoptr(GString) out = g_string_sized_new (len * 2);
  guint n_upper = 0, n_ascii_lower = 0;

  for (gsize i = 0; i < len; i++)
    {
      gunichar c = b[i] < 0x80 ? b[i] : tcvn_vn2_high[b[i] - 0x80];
      gboolean v = b[i] >= 0x80 && is_tcvn3_lower_letter (b[i]);

      if (b[i] < 0x80 && g_ascii_islower (b[i]))
        n_ascii_lower++;
      else if (g_unichar_isupper (c))
        n_upper++;
      g_array_append_val (chars, c);
      g_array_append_val (from_vn3, v);
    }
  tcvn3_recase (chars, from_vn3, n_ascii_lower == 0 && n_upper >= 2);
  for (guint i = 0; i < chars->len; i++)
    g_string_append_unichar (out, g_array_index (chars, gunichar, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
decode_utf8 (const char *bytes,
             gsize       len)
{
  g_autoptr(GString) out = g_string_sized_new (len);
  const char *p = bytes, *end = bytes + len;

  while (p < end)
    {
      const char *bad = NULL;

      if (g_utf8_validate (p, end - p, &bad))
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, bad - p);
      g_string_append_unichar (out, 0xFFFD);
      p = bad + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define MAX_NON_STARTERS 30
#define COMBINING_GRAPHEME_JOINER 0x034F

char *
pv_utf8_make_stream_safe (const char *text,
                          gssize      len)
{
  g_autoptr(GString) out = NULL;
  const char *p, *end;
  guint run = 0;

  g_return_val_if_fail (text != NULL, NULL);

  end = text + (len < 0 ? (gssize) strlen (text) : len);
  for (p = text; p < end; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80 || g_unichar_combining_class (g_utf8_get_char (p)) == 0)
        run = 0;
      else if (++run > MAX_NON_STARTERS)
        {
          if (out == NULL)
            out = g_string_new_len (text, p - text);
          g_string_append_unichar (out, COMBINING_GRAPHEME_JOINER);
          run = 1;
        }
      if (out != NULL)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return out != NULL ? g_string_free (g_steal_pointer (&out), FALSE) : g_strndup (text, end - text);
}

/* The most characters normalized in one piece; a longer piece (text
 * without a cut, such as decomposed Hangul) is cut before any starter. */
#define NORMALIZE_PIECE 256

char *
pv_utf8_normalize (const char     *text,
                   gssize          len,
                   GNormalizeMode  mode)
{
  g_autofree char *safe = NULL;
  g_autoptr(GString) out = NULL;
  const char *piece, *p;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  safe = pv_utf8_make_stream_safe (text, len);
  out = g_string_sized_new (strlen (safe) + 16);
  for (piece = p = safe; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      /* Below U+0900 every starter is a character no canonical
       * composition takes as its second: reordering and composing never
       * cross it. */
      if (p > piece && g_unichar_combining_class (c) == 0 && (c < 0x0900 || n >= NORMALIZE_PIECE))
        {
          g_autofree char *normal = g_utf8_normalize (piece, p - piece, mode);

          if (normal == NULL)
            return NULL;
          g_string_append (out, normal);
          piece = p;
          n = 0;
        }
    }
  if (p > piece)
    {
      g_autofree char *normal = g_utf8_normalize (piece, p - piece, mode);

      if (normal == NULL)
        return NULL;
      g_string_append (out, normal);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
pv_encoding_decode (PvEncoding  enc,
                    const char *bytes,
                    gssize      len)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *raw = NULL;
  const guint8 *b = (const guint8 *) bytes;
  char *nfc;

  g_return_val_if_fail ((guint) enc < PV_ENCODING_N_ENCODINGS, NULL);

  if (bytes == NULL)
    return g_strdup ("");
  /* text ends at the first NUL, as in C strings and DBF fields */
  len = len < 0 ? (gssize) strlen (bytes) : (gssize) strnlen (bytes, len);

  out = g_string_sized_new (len * 2 + 1);
  switch (enc)
    {
    case PV_ENCODING_UTF8:
      raw = decode_utf8 (bytes, len);
      break;
    case PV_ENCODING_TCVN3:
      raw = decode_tcvn3 (b, len);
      break;
    case PV_ENCODING_CP1258:
    case PV_ENCODING_VISCII:
    case PV_ENCODING_LATIN1:
      for (gssize i = 0; i < len; i++)
        {
          gunichar c = b[i];

          if (enc == PV_ENCODING_CP1258 && b[i] >= 0x80)
            c = cp1258_high[b[i] - 0x80];
          else if (enc == PV_ENCODING_VISCII && b[i] >= 0x80)
            c = viscii_high[b[i] - 0x80];
          else if (enc == PV_ENCODING_VISCII)
            for (guint k = 0; k < G_N_ELEMENTS (viscii_c0); k++)
              if (viscii_c0[k].byte == b[i])
                c = viscii_c0[k].uc;
          g_string_append_unichar (out, c);
        }
      raw = g_strdup (out->str);
      break;
    case PV_ENCODING_VNI:
      for (gssize i = 0; i < len; i++)
        {
          const char *mod = b[i] >= 0x80 ? vni_modifier (b[i]) : NULL;
          gunichar single = b[i] >= 0x80 ? vni_single (b[i]) : 0;

          if (mod != NULL)
            g_string_append (out, mod);
          else if (single != 0)
            g_string_append_unichar (out, single);
          else
            g_string_append_unichar (out, cp1252_byte (b[i]));
        }
      raw = g_strdup (out->str);
      break;
    default:
      g_assert_not_reached ();
    }

  nfc = pv_utf8_normalize (raw, -1, G_NORMALIZE_NFC);
  if (nfc == NULL) /* cannot happen: raw is valid UTF-8 */
    return g_steal_pointer (&raw);
  return nfc;
}

/* ---- detection ---------------------------------------------------------- */

static const char vn_letters[] =
  "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệfghiìỉĩíịjklmnoòỏõóọôồổỗốộ"
  "ơờởỡớợpqrstuùủũúụưừửữứựvwxyỳỷỹýỵz";

static gboolean
is_vn_letter (gunichar c)
{
  static GHashTable *set = NULL;

  if (g_once_init_enter (&set))
    {
      GHashTable *s = g_hash_table_new (NULL, NULL);
      for (const char *p = vn_letters; *p; p = g_utf8_next_char (p))
        g_hash_table_add (s, GUINT_TO_POINTER (g_utf8_get_char (p)));
      g_once_init_leave (&set, s);
    }
  return g_hash_table_contains (set, GUINT_TO_POINTER (g_unichar_tolower (c)));
}

static gboolean
is_tone_mark (gunichar c)
{
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

/* Vowel nuclei of Vietnamese syllables, without tones (after "qu" and
 * "gi" the u/i belong to the initial). */
static const char *const vowel_clusters[] = {
  "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
  "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "iêu",
  "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô",
  "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "ươi", "ươu", "uôi", "uya", "uyê",
  "uyu", "yê", "yêu", "oai", "oao", "oay", "oeo", "uây", "uyên",
};

static gboolean
is_vowel_letter (gunichar c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' ||
         c == 0x0103 || c == 0x00E2 || c == 0x00EA || c == 0x00F4 ||
         c == 0x01A1 || c == 0x01B0;
}

/* Whether the word has at most one vowel run and it is a known nucleus.
 * @word is NFC; tone marks are removed here. */
static gboolean
vowels_plausible (const char *word,
                  gsize       len)
{
  g_autofree char *nfd = pv_utf8_normalize (word, len, G_NORMALIZE_NFD);
  g_autoptr(GString) toneless = g_string_new (NULL);
  g_autofree char *lower = NULL;
  g_autofree char *nfc = NULL;
  g_autoptr(GString) run = g_string_new (NULL);
  const char *p;
  guint n_runs = 0;
  gboolean ok = TRUE;

  for (p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c != 0x0300 && c != 0x0301 && c != 0x0303 && c != 0x0309 && c != 0x0323)
        g_string_append_unichar (toneless, c);
    }
  nfc = pv_utf8_normalize (toneless->str, -1, G_NORMALIZE_NFC);
  lower = g_utf8_strdown (nfc, -1);
  p = lower;
  if (g_str_has_prefix (p, "qu"))
    p += 2;
  else if (g_str_has_prefix (p, "gi") && p[2] != '\0' && is_vowel_letter (g_utf8_get_char (p + 2)))
    p += 2;

  for (;; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;
      if (c != 0 && is_vowel_letter (c))
        {
          g_string_append_unichar (run, c);
          continue;
        }
      if (run->len > 0)
        {
          gboolean known = FALSE;
          n_runs++;
          for (guint i = 0; i < G_N_ELEMENTS (vowel_clusters); i++)
            if (g_str_equal (run->str, vowel_clusters[i]))
              known = TRUE;
          ok = ok && known;
          g_string_truncate (run, 0);
        }
      if (c == 0)
        break;
    }
  return ok && n_runs <= 1;
}

/* Score of decoded text as Vietnamese, roughly -1 … 1. *n_nonascii receives
 * the number of non-ASCII characters looked at. */
static double
score_vietnamese (const char *text,
                  guint      *n_nonascii)
{
  double good = 0, bad = 0;
  const char *p = text;

  *n_nonascii = 0;
  while (*p)
    {
      /* one word: a run of letters and combining marks */
      const char *w = p;
      guint n_tones = 0, n_vn_nonascii = 0, n_bad = 0;
      gboolean seen_lower = FALSE, mixed = FALSE;

      while (*p)
        {
          gunichar c = g_utf8_get_char (p);
          if (!g_unichar_isalpha (c) && g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
            break;
          p = g_utf8_next_char (p);
        }
      if (p == w)
        {
          gunichar c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
          if (c < 0x80)
            {
              if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                bad += 2;
              continue;
            }
          (*n_nonascii)++;
          /* non-ASCII that is not a letter: symbols, U+FFFD, C1 controls */
          if (c == 0xFFFD || (c >= 0x80 && c < 0xA0))
            bad += 3;
          else if (c != 0x00A0) /* NBSP is harmless */
            bad += 1.5;
          continue;
        }

      {
        g_autofree char *nfd = pv_utf8_normalize (w, p - w, G_NORMALIZE_NFD);
        g_autofree char *nfc = pv_utf8_normalize (w, p - w, G_NORMALIZE_NFC);

        for (const char *q = nfc; *q; q = g_utf8_next_char (q))
          {
            gunichar c = g_utf8_get_char (q);
            if (c >= 0x80)
              {
                (*n_nonascii)++;
                if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
                  n_bad += 2;       /* a mark nothing composed with */
                else if (is_vn_letter (c))
                  n_vn_nonascii++;
                else
                  n_bad++;
              }
            if (g_unichar_isalpha (c))
              {
                if (g_unichar_islower (c))
                  seen_lower = TRUE;
                else if (seen_lower && g_unichar_isupper (c))
                  mixed = TRUE;
              }
          }
        for (const char *q = nfd; *q; q = g_utf8_next_char (q))
          {
            gunichar c = g_utf8_get_char (q);
            if (is_tone_mark (c))
              n_tones++;
          }
      }

      good += n_vn_nonascii;
      bad += n_bad;
      /* a syllable has one tone and one vowel cluster */
      if (n_tones > 1)
        bad += n_tones - 1;
      if (n_vn_nonascii > 0 && !vowels_plausible (w, p - w))
        bad += 1 + n_vn_nonascii;
      if (mixed && n_vn_nonascii > 0)
        bad += 1;
    }

  if (*n_nonascii == 0)
    return 0;
  return (good - bad) / *n_nonascii;
}

/* Latin-1 read as Western European text: letters good, symbols bad, and
 * words with several accented letters (rare in Western languages, the rule
 * in VNI read as Latin-1: "Döông") suspicious. */
static double
score_latin1 (const char *text,
              guint      *n_nonascii)
{
  double good = 0, bad = 0;
  guint in_word = 0;

  *n_nonascii = 0;
  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || !g_unichar_isalpha (c))
        {
          if (in_word > 1)
            bad += in_word - 1;
          in_word = 0;
        }
      if (c == 0)
        break;
      if (c < 0x80)
        continue;
      (*n_nonascii)++;
      if (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c != 0xDE && c != 0xFE && c != 0xD0)
        {
          good++;
          in_word++;
        }
      else if (c == 0xA0 || c == 0xB0 || c == 0xA7 || c == 0xAB || c == 0xBB)
        good += 0.5;
      else
        bad++;
    }
  if (*n_nonascii == 0)
    return 0;
  /* Western text has fewer accented letters than Vietnamese; a decoding
   * that makes good Vietnamese wins over one that makes plausible Latin-1. */
  return 0.8 * (good - bad) / *n_nonascii;
}

PvEncoding
pv_encoding_detect (const char * const *samples,
                    guint               n_samples,
                    double             *confidence)
{
  static const PvEncoding candidates[] = {
    PV_ENCODING_TCVN3, PV_ENCODING_VNI, PV_ENCODING_CP1258,
    PV_ENCODING_VISCII, PV_ENCODING_LATIN1,
  };
  g_autoptr(GString) all = g_string_new (NULL);
  double scores[G_N_ELEMENTS (candidates)];
  gboolean any_high = FALSE;
  guint best = 0, second = 1;

  for (guint i = 0; i < n_samples; i++)
    {
      if (samples[i] == NULL)
        continue;
      g_string_append (all, samples[i]);
      g_string_append_c (all, '\n');
    }
  for (gsize i = 0; i < all->len; i++)
    if ((guint8) all->str[i] >= 0x80)
      any_high = TRUE;

  if (!any_high || g_utf8_validate (all->str, all->len, NULL))
    {
      if (confidence != NULL)
        *confidence = 1.0;
      return PV_ENCODING_UTF8;
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      g_autofree char *text = pv_encoding_decode (candidates[k], all->str, all->len);
      guint n = 0;
      scores[k] = candidates[k] == PV_ENCODING_LATIN1 ? score_latin1 (text, &n)
                                                       : score_vietnamese (text, &n);
      g_debug ("detect: %s scores %.3f", pv_encoding_get_name (candidates[k]), scores[k]);
    }

  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (scores[k] > scores[best])
      best = k;
  second = best == 0 ? 1 : 0;
  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (k != best && scores[k] > scores[second])
      second = k;

  if (confidence != NULL)
    {
      double s = CLAMP (scores[best], 0.0, 1.0);
      double margin = CLAMP ((scores[best] - scores[second]) / 0.5, 0.0, 1.0);
      *confidence = s * (0.5 + 0.5 * margin);
    }
  return candidates[best];
}
