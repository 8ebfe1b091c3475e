/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_I 7
#define CONFIG_S "def"
#define CONFIG_HIDDEN 1
#define CONFIG_C2 1
