// SPDX-License-Identifier: GPL-2.0
/* The sample tty driver (a stub). */
#include <sample/kernel.h>

int __init tty_init(void)
{
	return sample_printk("tty: ready\n");
}
