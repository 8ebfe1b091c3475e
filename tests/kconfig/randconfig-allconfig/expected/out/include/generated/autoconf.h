/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_I2 5
#define CONFIG_C1D 1
#define CONFIG_B2 1
#define CONFIG_T3 1
#define CONFIG_H1 0x100
#define CONFIG_T1 1
#define CONFIG_S1 "str"
#define CONFIG_C2B 1
#define CONFIG_SEL 1
#define CONFIG_B1 1
#define CONFIG_I1 500
#define CONFIG_B3 1
