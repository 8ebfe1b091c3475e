/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_I 1
#define CONFIG_H 0x1
#define CONFIG_S "default"
#define CONFIG_MODULES 1
#define CONFIG_OTHER 1
#define CONFIG_B 1
