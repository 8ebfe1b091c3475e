/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_INDENTED_KEYWORD 1
#define CONFIG_ATTR_ON_ONE_LINE 1
#define CONFIG_CONT 1
#define CONFIG_DQ "tab	inside"
#define CONFIG_SQ "xy"
#define CONFIG_A 1
#define CONFIG_64BIT 1
#define CONFIG_lower_case_name 1
