/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_SELECTS_STR 1
#define CONFIG_STR ""
#define CONFIG_INT_SELECTS 0
