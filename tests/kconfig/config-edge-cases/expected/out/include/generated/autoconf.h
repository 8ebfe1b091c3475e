/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_I 1
#define CONFIG_H 0X1F
#define CONFIG_T_MODULE 1
#define CONFIG_S "trailing"
#define CONFIG_MODULES 1
#define CONFIG_OTHER 1
#define CONFIG_B 1
