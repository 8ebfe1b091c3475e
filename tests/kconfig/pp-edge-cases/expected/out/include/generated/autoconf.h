/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_SYM_SUFFIX 1
#define CONFIG_AFTER 1
