/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_I 0
#define CONFIG_H 0x0
#define CONFIG_S ""
#define CONFIG_A 1
