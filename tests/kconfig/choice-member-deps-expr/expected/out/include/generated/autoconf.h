/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_FAST_AND_FEATURE 1
#define CONFIG_FEATURE 1
#define CONFIG_MODE_FAST 1
