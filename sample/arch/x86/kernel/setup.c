// SPDX-License-Identifier: GPL-2.0
/* x86 early setup (a stub). */
#include <sample/kernel.h>

void arch_setup(void)
{
	sample_printk("x86: setup\n");
}
