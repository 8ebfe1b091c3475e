/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_S "from my.config"
#define CONFIG_A 1
