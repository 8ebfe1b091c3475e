// SPDX-License-Identifier: GPL-2.0
/* The version banner. */
#ifndef CONFIG_LOCALVERSION
#define CONFIG_LOCALVERSION ""
#endif

const char sample_banner[] = "Sample kernel" CONFIG_LOCALVERSION "\n";
