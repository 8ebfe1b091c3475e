// SPDX-License-Identifier: GPL-2.0
#include <sample/kernel.h>

void sample_panic(const char *msg)
{
	sample_printk("panic: %s\n", msg);
	for (;;)
		;
}
