/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_I 5
#define CONFIG_H 0x1
#define CONFIG_S "crlf"
#define CONFIG_OTHER 1
#define CONFIG_B 1
