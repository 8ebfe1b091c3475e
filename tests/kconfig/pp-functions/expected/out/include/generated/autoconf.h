/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_FROM_VARIABLE 1
#define CONFIG_FROM_FUNC 1
