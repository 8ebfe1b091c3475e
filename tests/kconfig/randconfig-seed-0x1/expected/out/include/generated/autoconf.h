/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_I2 5
#define CONFIG_T2 1
#define CONFIG_H1 0x100
#define CONFIG_S1 "str"
#define CONFIG_C1A 1
#define CONFIG_I1 1
