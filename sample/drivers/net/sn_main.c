// SPDX-License-Identifier: GPL-2.0
/* Sample network driver: probe and transmit. */
#include <sample/kernel.h>

int sn_ring_push(const void *frame, size_t len);

int sn_xmit(const void *frame, size_t len)
{
	return sn_ring_push(frame, len);
}
