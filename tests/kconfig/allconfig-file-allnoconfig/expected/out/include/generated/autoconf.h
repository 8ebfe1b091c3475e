/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_B2 1
#define CONFIG_T2 1
#define CONFIG_I 9
#define CONFIG_S "def"
#define CONFIG_HIDDEN 1
#define CONFIG_C3 1
