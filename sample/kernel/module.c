// SPDX-License-Identifier: GPL-2.0
/* Loadable module support (a stub in the sample tree). */
#include <sample/kernel.h>

int sample_load_module(const void *image, size_t len)
{
	(void)image;
	return len ? 0 : -1;
}
