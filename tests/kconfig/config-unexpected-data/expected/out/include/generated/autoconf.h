/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_I 1
#define CONFIG_H 0x1
#define CONFIG_S "value"
#define CONFIG_MODULES 1
#define CONFIG_OTHER 1
