// SPDX-License-Identifier: GPL-2.0
/* Prints the 256-entry table of the sample CRC16 as C. Runs on the host. */
#include <stdio.h>

int main(void)
{
	printf("static const unsigned short crc_sample_table[256] = {\n");
	for (unsigned int n = 0; n < 256; n++) {
		unsigned short c = n;

		for (int i = 0; i < 8; i++)
			c = (c & 1) ? (c >> 1) ^ 0xa001 : c >> 1;
		printf("\t0x%04x,%s", c, n % 8 == 7 ? "\n" : "");
	}
	printf("};\n");
	return 0;
}
