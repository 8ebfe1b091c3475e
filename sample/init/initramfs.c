// SPDX-License-Identifier: GPL-2.0
/* Unpacks the initial RAM filesystem (a stub in the sample tree). */
#include <sample/kernel.h>

int __init populate_rootfs(void)
{
	return sample_printk("initramfs: nothing to unpack\n");
}
