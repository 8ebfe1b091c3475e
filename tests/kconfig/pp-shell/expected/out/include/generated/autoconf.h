/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_HAS_TRUE 1
#define CONFIG_SHELL_STRING "a   b"
