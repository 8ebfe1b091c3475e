/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_HEX_CLAMP_HIGH 0x2000
#define CONFIG_HEX_CLAMP_LOW 0x1000
#define CONFIG_HEX_IN 0x1800
#define CONFIG_HEX_USER_OUT 0xff
#define CONFIG_HEX_NO_DEFAULT 0x20
#define CONFIG_HEX_USER_NOPREFIX 0xab
