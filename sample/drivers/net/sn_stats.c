// SPDX-License-Identifier: GPL-2.0
/* Sample network driver: statistics. */
static unsigned long tx_packets;

unsigned long sn_tx_packets(void)
{
	return tx_packets;
}
