/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_T3_MODULE 1
#define CONFIG_T2_MODULE 1
#define CONFIG_T_MODULE 1
#define CONFIG_MODULES 1
#define CONFIG_VISIBLE 1
#define CONFIG_A 1
#define CONFIG_C 1
#define CONFIG_VISIBLE_USER 1
