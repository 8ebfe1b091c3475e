// SPDX-License-Identifier: GPL-2.0
#include <sample/kernel.h>

size_t sample_strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}
