/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_COND 1
#define CONFIG_COND2 1
#define CONFIG_IN_IF 1
#define CONFIG_IN_NESTED_IF 1
