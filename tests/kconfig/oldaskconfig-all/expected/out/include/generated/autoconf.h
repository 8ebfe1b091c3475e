/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_ASK_BOOL 1
#define CONFIG_MODULES 1
#define CONFIG_OLD_SYM 1
#define CONFIG_ASK_STR "dflt"
#define CONFIG_ASK_TRI_MODULE 1
#define CONFIG_CH_B 1
#define CONFIG_ASK_HEX 0x10
#define CONFIG_ASK_INT 10
