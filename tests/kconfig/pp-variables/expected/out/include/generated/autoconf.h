/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_EMPTY_EXPANSION "[]"
#define CONFIG_MY_SYMBOL "from a variable"
