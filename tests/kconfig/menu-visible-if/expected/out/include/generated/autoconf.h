/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_HIDDEN_INT 12
#define CONFIG_HIDDEN_BOOL 1
