/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_COND_TYPE_PROMPT 4
#define CONFIG_COND_PROMPT 1
#define CONFIG_SEP_PROMPT 1
