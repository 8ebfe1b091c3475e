// SPDX-License-Identifier: GPL-2.0
/* x86 smpboot (a stub). */
int x86_smpboot_done;
