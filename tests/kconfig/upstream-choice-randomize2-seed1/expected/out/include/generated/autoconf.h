/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_FOO 1
#define CONFIG_X 1
#define CONFIG_A 1
