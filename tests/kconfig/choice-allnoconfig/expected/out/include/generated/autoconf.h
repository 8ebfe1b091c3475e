/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_NODEF_CHOICE0 1
#define CONFIG_BOOL_CHOICE1 1
