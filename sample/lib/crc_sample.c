// SPDX-License-Identifier: GPL-2.0
/* CRC16 (polynomial 0x8005, bit-reflected), one bit at a time. */
#include <sample/kernel.h>

unsigned short crc_sample(unsigned short crc, const unsigned char *p, size_t len)
{
	while (len--) {
		crc ^= *p++;
		for (int i = 0; i < 8; i++)
			crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
	}
	return crc;
}
