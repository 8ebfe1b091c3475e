/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_CHOICE_B 1
#define CONFIG_CHOICE_E 1
#define CONFIG_A 1
