// SPDX-License-Identifier: GPL-2.0
/* The sample rtc driver (a stub). */
#include <sample/kernel.h>

int __init rtc_init(void)
{
	return sample_printk("rtc: ready\n");
}
