/* pv-number.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The narrow no-break space Vietnamese maps and tables group digits with. */
#define PV_NUMBER_NARROW_NBSP "\u202f"

/* value with decimals digits after the decimal mark and its integer digits
 * grouped by three with separator: 1214436.25 → "1 214 436.25". Negative
 * values take a minus sign (U+2212), and a value that rounds to zero never
 * shows "−0". The decimal mark is the locale's with locale_mark (as the rest
 * of the UI), else always '.'. Not finite: "—". */
char *pv_number_format_grouped (double      value,
                                int         decimals,
                                const char *separator,
                                gboolean    locale_mark) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
