// SPDX-License-Identifier: GPL-2.0
/* Kernel messages: counted, not printed, in the sample tree. */
#include <stdarg.h>
#include <sample/kernel.h>

static unsigned long nr_messages;

int sample_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	va_end(ap);
	nr_messages++;
	return (int)sample_strlen(fmt);
}
