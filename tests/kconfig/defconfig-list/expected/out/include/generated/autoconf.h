/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_S "from the list"
#define CONFIG_A 1
