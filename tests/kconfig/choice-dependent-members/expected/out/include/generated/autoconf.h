/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_AFTER_CHOICE 1
#define CONFIG_MEMBER_C 1
