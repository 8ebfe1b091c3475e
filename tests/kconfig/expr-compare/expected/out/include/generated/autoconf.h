/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_H10 0x10
#define CONFIG_NEG 1
#define CONFIG_HEX_EQ_DEC 1
#define CONFIG_I9 9
#define CONFIG_INT_EQ_CONST 1
#define CONFIG_UNDEFINED_NEQ 1
#define CONFIG_STR_NUM_EQ 1
#define CONFIG_INT_LT 1
#define CONFIG_S_ABC "abc"
#define CONFIG_S_ABD "abd"
#define CONFIG_HEX_EQ_HEX 1
#define CONFIG_S_NUM "10"
#define CONFIG_HEX_LT 1
#define CONFIG_I10 10
#define CONFIG_HFF 0xff
#define CONFIG_STR_LT 1
#define CONFIG_INT_LE_EQ 1
#define CONFIG_STR_NEQ_QUOTED 1
#define CONFIG_STR_EQ_QUOTED 1
