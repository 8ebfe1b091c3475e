// SPDX-License-Identifier: GPL-2.0
/* x86 head64 (a stub). */
int x86_head64_done;
