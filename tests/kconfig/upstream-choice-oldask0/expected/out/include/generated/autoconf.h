/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_BOOL_CHOICE1 1
