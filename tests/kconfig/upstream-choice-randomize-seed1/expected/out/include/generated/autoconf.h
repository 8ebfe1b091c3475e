/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_Y 1
#define CONFIG_B 1
