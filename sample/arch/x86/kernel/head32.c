// SPDX-License-Identifier: GPL-2.0
/* x86 head32 (a stub). */
int x86_head32_done;
