// SPDX-License-Identifier: GPL-2.0
/* Entry point of the sample kernel. */
#include <sample/kernel.h>

int __init start_sample_kernel(void)
{
	arch_setup();
	sample_printk("sample kernel started\n");
	return 0;
}
