/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_HIDDEN_DEFAULT_Y 1
#define CONFIG_SELECTED_BY_HIDDEN 1
