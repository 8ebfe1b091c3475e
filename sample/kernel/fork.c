// SPDX-License-Identifier: GPL-2.0
/* Task creation (a counter in the sample tree). */
static int nr_tasks;

int sample_fork(void)
{
	return ++nr_tasks;
}
