/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_TOP 1
#define CONFIG_A 1
