/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_ASK_BOOL 1
#define CONFIG_MODULES 1
#define CONFIG_OLD_SYM 1
#define CONFIG_ASK_STR "ok"
#define CONFIG_ASK_TRI_MODULE 1
#define CONFIG_CH_A 1
#define CONFIG_ASK_HEX 0x50
#define CONFIG_ASK_INT 100
