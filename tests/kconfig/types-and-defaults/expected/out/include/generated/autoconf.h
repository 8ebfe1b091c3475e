/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_EMPTY_STR ""
#define CONFIG_HEX_VAL 0xdeadBEEF
#define CONFIG_NEG_INT -17
#define CONFIG_BOOL_Y 1
#define CONFIG_NO_PROMPT_BOOL 1
#define CONFIG_TRI_Y 1
#define CONFIG_MODULES 1
#define CONFIG_INT_VAL 42
#define CONFIG_STR_VAL "hello world"
#define CONFIG_EMPTY_INT 0
#define CONFIG_TRI_M_MODULE 1
#define CONFIG_EMPTY_HEX 0x0
