/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_A "x"
#define CONFIG_B 1
