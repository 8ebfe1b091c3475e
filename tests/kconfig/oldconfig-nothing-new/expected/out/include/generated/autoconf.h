/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_MODULES 1
#define CONFIG_OLD_SYM 1
#define CONFIG_ASK_STR ""
#define CONFIG_ASK_TRI 1
#define CONFIG_CH_C 1
#define CONFIG_ASK_HEX 0x5
#define CONFIG_ASK_INT 5
