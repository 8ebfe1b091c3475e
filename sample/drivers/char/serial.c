// SPDX-License-Identifier: GPL-2.0
/* The sample serial driver (a stub). */
#include <sample/kernel.h>

int __init serial_init(void)
{
	return sample_printk("serial: ready\n");
}
