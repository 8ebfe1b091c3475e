/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_MEMBER_B 1
#define CONFIG_ENABLE_B 1
