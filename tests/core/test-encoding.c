/* test-encoding.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <gdal.h>
#include <ogr_api.h>

#include "pv-encoding.h"
#include "pv-test-util.h"

static const char *const phrases[] = {
  "Thủ Dầu Một", "Bình Dương", "Đất ở tại đô thị", "Huyện Dầu Tiếng",
  "Ủy ban nhân dân", "Nguyễn", "THỦ DẦU MỘT", "Một", "ộ",
};

/* ~20 place names of Bình Dương and around, none with a toned capital
 * (TCVN3 has none) */
static const char *const places[] = {
  "Thủ Dầu Một", "Bình Dương", "Dĩ An", "Thuận An", "Tân Uyên", "Bến Cát",
  "Bàu Bàng", "Dầu Tiếng", "Phú Giáo", "Bắc Tân Uyên", "Phú Hòa",
  "Hiệp Thành", "Chánh Nghĩa", "Phú Lợi", "Định Hòa", "Tương Bình Hiệp",
  "Lái Thiêu", "Thới Hòa", "Mỹ Phước", "Hòa Lợi", "Đất ở tại đô thị",
  "Đất trồng cây lâu năm",
};

static char *
encode (PvEncoding  enc,
        const char *utf8)
{
  return pv_test_encode_legacy (enc, utf8);
}

static void
assert_decodes (PvEncoding  enc,
                const char *bytes,
                const char *expected)
{
  g_autofree char *got = pv_encoding_decode (enc, bytes, -1);
  g_autofree char *nfc = g_utf8_normalize (expected, -1, G_NORMALIZE_NFC);

  g_assert_cmpstr (got, ==, nfc);
}

static void
test_names (void)
{
  static const struct { const char *alias; PvEncoding enc; } cases[] = {
    { "UTF-8", PV_ENCODING_UTF8 }, { "utf8", PV_ENCODING_UTF8 },
    { "1258", PV_ENCODING_CP1258 }, { "CP1258", PV_ENCODING_CP1258 },
    { "WINDOWS-1258", PV_ENCODING_CP1258 }, { "WindowsVietnamese", PV_ENCODING_CP1258 },
    { "ANSI_1258", PV_ENCODING_CP1258 }, { "TCVN", PV_ENCODING_TCVN3 },
    { "TCVN3", PV_ENCODING_TCVN3 }, { "TCVN5712", PV_ENCODING_TCVN3 },
    { "TCVN5712-1", PV_ENCODING_TCVN3 }, { "VN3", PV_ENCODING_TCVN3 },
    { "ABC", PV_ENCODING_TCVN3 }, { "VNI", PV_ENCODING_VNI },
    { "VNI-Windows", PV_ENCODING_VNI }, { "viscii", PV_ENCODING_VISCII },
    { "ISO-8859-1", PV_ENCODING_LATIN1 }, { "LATIN1", PV_ENCODING_LATIN1 },
  };
  PvEncoding enc;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      enc = PV_ENCODING_LATIN1 + 1;
      g_assert_true (pv_encoding_from_name (cases[i].alias, &enc));
      g_assert_cmpint (enc, ==, cases[i].enc);
    }
  g_assert_false (pv_encoding_from_name ("KOI8-R", &enc));
  g_assert_false (pv_encoding_from_name ("", &enc));

  for (enc = PV_ENCODING_UTF8; enc <= PV_ENCODING_LATIN1; enc++)
    {
      PvEncoding back;
      g_assert_true (pv_encoding_from_name (pv_encoding_get_name (enc), &back));
      g_assert_cmpint (back, ==, enc);
      g_assert_nonnull (pv_encoding_get_label (enc));
      g_assert_true (g_utf8_validate (pv_encoding_get_label (enc), -1, NULL));
    }
  g_assert_cmpstr (pv_encoding_get_name (PV_ENCODING_TCVN3), ==, "TCVN3");
  g_assert_cmpstr (pv_encoding_get_name (PV_ENCODING_VNI), ==, "VNI-Windows");
  g_assert_cmpstr (pv_encoding_get_name (PV_ENCODING_CP1258), ==, "CP1258");
}

/* Hand-written bytes, checked against vietnam.md §3 and the charmaps. */
static void
test_literals (void)
{
  /* CP1258: base + combining tone (ì = 69 CC; ủ = u D2; ầ = E2 CC; ộ = F4 F2) */
  assert_decodes (PV_ENCODING_CP1258, "Thu\xD2 D\xE2\xCCu M\xF4\xF2t", "Thủ Dầu Một");
  assert_decodes (PV_ENCODING_CP1258, "Bi\xCCnh D\xFD\xF5ng", "Bình Dương");
  assert_decodes (PV_ENCODING_CP1258, "M\xF4\xF2", "Mộ");
  assert_decodes (PV_ENCODING_CP1258, "\xD0\xE2\xECt", "Đất");

  /* TCVN3 (vietnam.md: ư AD, ơ AC, đ AE, Đ A7, ị DE, ủ F1) */
  assert_decodes (PV_ENCODING_TCVN3, "Th\xF1 D\xC7u M\xE9t", "Thủ Dầu Một");
  assert_decodes (PV_ENCODING_TCVN3, "B\xD7nh D\xAD\xACng", "Bình Dương");
  assert_decodes (PV_ENCODING_TCVN3, "Ngh\xDE \xAE\xDEnh c\xF1\x61 ch\xDDnh ph\xF1",
                  "Nghị định của chính phủ");
  assert_decodes (PV_ENCODING_TCVN3, "\xA7\xCAt", "Đất");
  assert_decodes (PV_ENCODING_TCVN3, "\xE9", "ộ");
  /* all-caps text from a .VnTimeH font: toned capitals stored lower-case */
  assert_decodes (PV_ENCODING_TCVN3, "TH\xF1 D\xC7U M\xE9T", "THỦ DẦU MỘT");
  /* a lone toned capital cannot be told from lower case in VN3 */
  assert_decodes (PV_ENCODING_TCVN3, "\xF1y ban nh\xA9n d\xA9n", "ủy ban nhân dân");

  /* VNI-Windows (vietnam.md: "Thuû Daàu Moät", "Bình Döông") */
  assert_decodes (PV_ENCODING_VNI, "Thu\xFB Da\xE0u Mo\xE4t", "Thủ Dầu Một");
  assert_decodes (PV_ENCODING_VNI, "B\xECnh D\xF6\xF4ng", "Bình Dương");
  assert_decodes (PV_ENCODING_VNI, "\xD1" "a\xE1t \xF4\xFB ta\xEFi \xF1o\xE2 th\xF2",
                  "Đất ở tại đô thị");
  assert_decodes (PV_ENCODING_VNI, "THU\xDB DA\xC0U MO\xC4T", "THỦ DẦU MỘT");
  assert_decodes (PV_ENCODING_VNI, "U\xDBy ban nha\xE2n da\xE2n", "Ủy ban nhân dân");
  assert_decodes (PV_ENCODING_VNI, "Nguye\xE3n", "Nguyễn");
  assert_decodes (PV_ENCODING_VNI, "o\xE4", "ộ");

  /* VISCII (RFC 1456): ộ B5, ủ FC, ầ A5, ư DF, ơ BD, Đ D0, Ủ 9C */
  assert_decodes (PV_ENCODING_VISCII, "Th\xFC D\xA5u M\xB5t", "Thủ Dầu Một");
  assert_decodes (PV_ENCODING_VISCII, "B\xECnh D\xDF\xBDng", "Bình Dương");
  assert_decodes (PV_ENCODING_VISCII, "\x9Cy ban", "Ủy ban");
  assert_decodes (PV_ENCODING_VISCII, "\xB5", "ộ");

  assert_decodes (PV_ENCODING_LATIN1, "M\xFCller", "Müller");
  assert_decodes (PV_ENCODING_UTF8, "Thủ Dầu Một", "Thủ Dầu Một");
}

/* Every phrase through the inverse of each table, back to the same NFC
 * string, to the last character. */
static void
test_round_trips (void)
{
  const PvEncoding encs[] = {
    PV_ENCODING_CP1258, PV_ENCODING_VNI, PV_ENCODING_VISCII, PV_ENCODING_TCVN3,
  };

  for (guint e = 0; e < G_N_ELEMENTS (encs); e++)
    for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
      {
        g_autofree char *bytes = NULL;
        g_autofree char *got = NULL;
        g_autofree char *nfc = g_utf8_normalize (phrases[i], -1, G_NORMALIZE_NFC);

        /* VN3 has no toned capitals (checked in test_literals instead) */
        if (encs[e] == PV_ENCODING_TCVN3 &&
            (strstr (phrases[i], "Ủ") != NULL || strstr (phrases[i], "THỦ") != NULL))
          continue;
        bytes = encode (encs[e], phrases[i]);
        got = pv_encoding_decode (encs[e], bytes, -1);
        g_test_message ("%s: %s", pv_encoding_get_name (encs[e]), got);
        g_assert_cmpstr (got, ==, nfc);
        g_assert_cmpstr (g_utf8_offset_to_pointer (got, g_utf8_strlen (got, -1) - 1), ==,
                         g_utf8_offset_to_pointer (nfc, g_utf8_strlen (nfc, -1) - 1));
      }
}

static void
test_nfc (void)
{
  /* decomposed UTF-8 in, composed out */
  g_autofree char *nfd = g_utf8_normalize ("Thủ Dầu Một", -1, G_NORMALIZE_NFD);
  g_autofree char *got = pv_encoding_decode (PV_ENCODING_UTF8, nfd, -1);
  g_autofree char *cp = NULL;

  g_assert_cmpuint (strlen (nfd), >, strlen ("Thủ Dầu Một"));
  g_assert_cmpstr (got, ==, "Thủ Dầu Một");
  /* ễ is ê (precomposed in CP1258) + combining tilde */
  cp = pv_encoding_decode (PV_ENCODING_CP1258, "Nguy\xEA\xDEn", -1);
  g_assert_cmpstr (cp, ==, "Nguyễn");
  g_assert_true (g_utf8_validate (cp, -1, NULL));
}

static void
test_invalid (void)
{
  g_autofree char *utf8 = pv_encoding_decode (PV_ENCODING_UTF8, "a\xFF\xC3z", -1);
  g_autofree char *cp = pv_encoding_decode (PV_ENCODING_CP1258, "a\x81z", -1);
  g_autofree char *empty = pv_encoding_decode (PV_ENCODING_VNI, "", 0);
  g_autofree char *with_len = pv_encoding_decode (PV_ENCODING_VNI, "Mo\xE4tXYZ", 4);

  g_assert_cmpstr (utf8, ==, "a\xEF\xBF\xBD\xEF\xBF\xBDz");
  g_assert_cmpstr (cp, ==, "a\xEF\xBF\xBDz");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (with_len, ==, "Một");
  g_clear_pointer (&with_len, g_free);
  with_len = pv_encoding_decode (PV_ENCODING_TCVN3, "ab\0cd", 5);
  g_assert_cmpstr (with_len, ==, "ab");

  /* every byte of every encoding gives valid UTF-8 */
  for (PvEncoding enc = PV_ENCODING_UTF8; enc <= PV_ENCODING_LATIN1; enc++)
    {
      char all[256];
      g_autofree char *s = NULL;

      for (guint b = 0; b < 256; b++)
        all[b] = (char) b;
      s = pv_encoding_decode (enc, all, 256);
      g_assert_true (g_utf8_validate (s, -1, NULL));
    }
}

static void
check_detect (PvEncoding enc)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);
  double confidence = -1;
  PvEncoding got;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_ptr_array_add (samples, enc == PV_ENCODING_UTF8 ? g_strdup (places[i])
                                                       : encode (enc, places[i]));
  got = pv_encoding_detect ((const char * const *) samples->pdata, samples->len, &confidence);
  g_test_message ("%s detected as %s, confidence %.2f", pv_encoding_get_name (enc),
                  pv_encoding_get_name (got), confidence);
  g_assert_cmpint (got, ==, enc);
  g_assert_cmpfloat (confidence, >, 0.5);
  g_assert_cmpfloat (confidence, <=, 1.0);

  /* a few names are enough */
  got = pv_encoding_detect ((const char * const *) samples->pdata, 3, &confidence);
  g_assert_cmpint (got, ==, enc);
}

static void
test_detect (void)
{
  const char *ascii[] = { "Ben Cat", "Di An" };
  const char *latin1[] = { "M\xFCller", "Stra\xDF" "e", "Caf\xE9", "Fran\xE7ois", "S\xE3o Paulo" };
  double confidence = 0;

  check_detect (PV_ENCODING_UTF8);
  check_detect (PV_ENCODING_CP1258);
  check_detect (PV_ENCODING_TCVN3);
  check_detect (PV_ENCODING_VNI);
  check_detect (PV_ENCODING_VISCII);

  g_assert_cmpint (pv_encoding_detect (ascii, 2, &confidence), ==, PV_ENCODING_UTF8);
  g_assert_cmpfloat (confidence, ==, 1.0);
  g_assert_cmpint (pv_encoding_detect (latin1, G_N_ELEMENTS (latin1), &confidence), ==,
                   PV_ENCODING_LATIN1);
}

/* Raw DBF strings of real files, read by GDAL without recoding. */
static GPtrArray *
raw_strings (const char *path)
{
  const char *const options[] = { "ENCODING=", NULL };
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH f;

  GDALAllRegister ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, options, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      for (int i = 0; i < OGR_F_GetFieldCount (f); i++)
        {
          OGRFieldDefnH fd = OGR_F_GetFieldDefnRef (f, i);
          if (OGR_Fld_GetType (fd) == OFTString && OGR_F_IsFieldSetAndNotNull (f, i))
            g_ptr_array_add (out, g_strdup (OGR_F_GetFieldAsString (f, i)));
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return out;
}

static void
test_realdata (void)
{
  g_autofree char *vn = pv_test_realdata_path ("vietnam/geoBoundaries-VNM-ADM1.shp");
  g_autofree char *latin1 = pv_test_realdata_path ("vector/shp_latin1_nocpg");
  g_autoptr(GPtrArray) strings = NULL;
  double confidence = 0;

  if (vn == NULL || latin1 == NULL)
    {
      g_test_skip ("real data not available");
      return;
    }

  /* Vietnamese names in UTF-8 without .cpg */
  strings = raw_strings (vn);
  g_assert_cmpuint (strings->len, >, 0);
  g_assert_cmpint (pv_encoding_detect ((const char * const *) strings->pdata, strings->len,
                                       &confidence), ==, PV_ENCODING_UTF8);
  g_clear_pointer (&strings, g_ptr_array_unref);

  /* raw Latin-1 without .cpg: not forced into a Vietnamese encoding */
  strings = raw_strings (latin1);
  g_assert_cmpuint (strings->len, >, 0);
  g_assert_cmpint (pv_encoding_detect ((const char * const *) strings->pdata, strings->len,
                                       &confidence), ==, PV_ENCODING_LATIN1);
}

/* The longest run of combining marks in text. */
static guint
longest_mark_run (const char *text)
{
  guint run = 0, longest = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      run = g_unichar_combining_class (g_utf8_get_char (p)) != 0 ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  return longest;
}

/* Hostile text: 200 000 VNI accent bytes after one letter would be 200 000
 * combining marks in a row, which GLib's normalization sorts in quadratic
 * time (hours). The text is made stream-safe first: a combining grapheme
 * joiner after every 30 marks; real Vietnamese is unchanged. */
static void
test_stream_safe (void)
{
  const guint n = 200000;
  g_autoptr(GString) bytes = g_string_new ("a");
  g_autoptr(GString) marks = g_string_new ("e");
  g_autofree char *decoded = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *same = NULL;
  const char *vietnamese = "Đất ở tại đô thị — Thủ Dầu Một (e\xcc\x82\xcc\xa3)";

  for (guint i = 0; i < n; i++)
    g_string_append_c (bytes, (char) 0xF9);  /* VNI: acute */
  decoded = pv_encoding_decode (PV_ENCODING_VNI, bytes->str, bytes->len);
  g_assert_true (g_utf8_validate (decoded, -1, NULL));
  g_assert_cmpuint (longest_mark_run (decoded), <=, 30);
  g_assert_nonnull (strstr (decoded, "\xcd\x8f"));  /* U+034F */
  /* Every accent is kept: the first composed with its letter. */
  g_assert_true (g_str_has_prefix (decoded, "\xc3\xa1"));  /* á */
  g_assert_cmpuint (g_utf8_strlen (decoded, -1), ==, 1 + (n - 1) + (n - 1) / 30);

  for (guint i = 0; i < 95; i++)
    g_string_append (marks, "\xcc\x81");
  safe = pv_utf8_make_stream_safe (marks->str, -1);
  g_assert_cmpuint (longest_mark_run (safe), ==, 30);
  g_assert_cmpuint (g_utf8_strlen (safe, -1), ==, 1 + 95 + 3);

  same = pv_utf8_make_stream_safe (vietnamese, -1);
  g_assert_cmpstr (same, ==, vietnamese);
}

/* pv_utf8_normalize() gives what g_utf8_normalize() gives, piece by piece
 * (Vietnamese composed and decomposed, Hangul jamo, Tamil and Devanagari
 * whose starters compose, marks out of order); and a long VNI value (200 000
 * letters, each with its accent byte) decodes in linear time: whole, GLib
 * would move the text once per composition (hours under the sanitizers). */
static void
test_normalize_pieces (void)
{
  const char *texts[] = {
    "Đất ở tại đô thị",
    "Ða\xcc\x82\xcc\x81t o\xcc\x9b\xcc\x89 ta\xcc\xa3i",
    "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\xe1\x84\x80\xe1\x85\xb3\xe1\x86\xaf",  /* 한글 in jamo */
    "\xe0\xae\x95\xe0\xaf\x86\xe0\xae\xbe x \xe0\xa4\x95\xe0\xa4\xbc",
    "a\xcc\xa3\xcc\x82 q\xcc\x81\xcc\xa3 \xe1\xba\xa1\xcc\x82",
    "",
  };
  g_autoptr(GString) bytes = g_string_new (NULL);
  g_autofree char *decoded = NULL;
  const guint n = 200000;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (GNormalizeMode mode = G_NORMALIZE_DEFAULT; mode <= G_NORMALIZE_ALL_COMPOSE; mode++)
      {
        g_autofree char *whole = g_utf8_normalize (texts[i], -1, mode);
        g_autofree char *pieces = pv_utf8_normalize (texts[i], -1, mode);

        g_assert_cmpstr (pieces, ==, whole);
      }

  for (guint i = 0; i < n; i++)
    g_string_append (bytes, "a\xf9");  /* VNI: a, acute */
  decoded = pv_encoding_decode (PV_ENCODING_VNI, bytes->str, bytes->len);
  g_assert_cmpuint (strlen (decoded), ==, 2 * n);  /* á is two bytes */
  g_assert_cmpuint (g_utf8_strlen (decoded, -1), ==, n);
  g_assert_true (g_str_has_prefix (decoded, "\xc3\xa1\xc3\xa1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/encoding/names", test_names);
  g_test_add_func ("/core/encoding/literals", test_literals);
  g_test_add_func ("/core/encoding/round-trips", test_round_trips);
  g_test_add_func ("/core/encoding/nfc", test_nfc);
  g_test_add_func ("/core/encoding/invalid", test_invalid);
  g_test_add_func ("/core/encoding/stream-safe", test_stream_safe);
  g_test_add_func ("/core/encoding/normalize-pieces", test_normalize_pieces);
  g_test_add_func ("/core/encoding/detect", test_detect);
  g_test_add_func ("/core/encoding/realdata", test_realdata);

  return g_test_run ();
}
