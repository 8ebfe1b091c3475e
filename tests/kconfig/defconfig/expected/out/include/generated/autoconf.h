/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_B2 1
#define CONFIG_T2_MODULE 1
#define CONFIG_I 10
#define CONFIG_S "def"
#define CONFIG_MODULES 1
#define CONFIG_HIDDEN 1
#define CONFIG_C1 1
#define CONFIG_B1 1
