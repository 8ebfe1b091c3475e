/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_T_Y 1
#define CONFIG_SELECTOR 1
#define CONFIG_MODULES 1
#define CONFIG_T_SELECTED 1
#define CONFIG_B_Y 1
#define CONFIG_T_INVISIBLE 1
