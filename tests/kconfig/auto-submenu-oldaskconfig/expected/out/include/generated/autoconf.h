/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_A0 1
#define CONFIG_A1 1
#define CONFIG_A 1
