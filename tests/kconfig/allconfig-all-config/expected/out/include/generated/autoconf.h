/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_B2 1
#define CONFIG_I 7
#define CONFIG_T1_MODULE 1
#define CONFIG_S "from all.config"
#define CONFIG_MODULES 1
#define CONFIG_HIDDEN 1
#define CONFIG_C2 1
#define CONFIG_B1 1
