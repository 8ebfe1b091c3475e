// SPDX-License-Identifier: GPL-2.0
/* arm64 early setup (a stub). */
#include <sample/kernel.h>

void arch_setup(void)
{
	sample_printk("arm64: setup\n");
}
