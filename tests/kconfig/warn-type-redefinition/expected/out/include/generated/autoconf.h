/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_C 1
#define CONFIG_B 3
