// SPDX-License-Identifier: GPL-2.0
/* arm64 secondary CPU bring-up (a stub). */
int arm64_nr_cpus_up = 1;
