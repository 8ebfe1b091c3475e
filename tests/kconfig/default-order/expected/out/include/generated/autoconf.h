/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_REDEF 1
#define CONFIG_FIRST_MATCH 2
#define CONFIG_NONE ""
#define CONFIG_MODULES 1
#define CONFIG_STR_OTHER "other value"
#define CONFIG_STR_FROM_SYM "other value"
#define CONFIG_TRI_DEF 1
#define CONFIG_TRI_COND_M_MODULE 1
#define CONFIG_HEX_FROM_SYM 0x10
#define CONFIG_NO_MATCH 3
#define CONFIG_TRI_M_MODULE 1
#define CONFIG_INT_FROM_SYM 2
#define CONFIG_HEX_OTHER 0x10
#define CONFIG_A 1
