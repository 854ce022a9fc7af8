/* fuzz-harness.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One libFuzzer harness: PV_FUZZ_TARGET names the pv_fuzz_*() function of
 * pv-fuzz-targets.h it runs (tests/fuzz/meson.build builds one per target). */

#include <stddef.h>
#include <stdint.h>

#include "pv-fuzz-targets.h"

#ifndef PV_FUZZ_TARGET
#error "PV_FUZZ_TARGET must name a pv_fuzz_*() function"
#endif

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  pv_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PV_FUZZ_TARGET (data, size);
  return 0;
}
