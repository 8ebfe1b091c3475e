// SPDX-License-Identifier: GPL-2.0
/* Self-tests of the sample library routines. */
#include <sample/kernel.h>

int __init test_lib_init(void)
{
	static const unsigned char msg[] = "123456789";

	if (sample_strlen("abc") != 3)
		sample_panic("sample_strlen");
	if (crc_sample(0, msg, 9) != 0xbb3d)
		sample_panic("crc_sample");
	return 0;
}
