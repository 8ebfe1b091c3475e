/* SPDX-License-Identifier: GPL-2.0 */
/* The few declarations the sample tree's C files share. */
#ifndef SAMPLE_KERNEL_H
#define SAMPLE_KERNEL_H

#include <stddef.h>

#define __init

int sample_printk(const char *fmt, ...);
void sample_panic(const char *msg);
void arch_setup(void);
unsigned short crc_sample(unsigned short crc, const unsigned char *p, size_t len);
size_t sample_strlen(const char *s);

#endif
