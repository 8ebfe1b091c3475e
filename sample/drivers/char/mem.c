// SPDX-License-Identifier: GPL-2.0
/* The sample mem driver (a stub). */
#include <sample/kernel.h>

int __init mem_init(void)
{
	return sample_printk("mem: ready\n");
}
