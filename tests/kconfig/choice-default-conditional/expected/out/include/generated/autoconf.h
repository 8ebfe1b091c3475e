/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_SELECTOR 1
#define CONFIG_OPT_B 1
