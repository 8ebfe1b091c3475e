/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_RANGE_STR_BOUND 5
#define CONFIG_HEX_RANGE_DECIMAL 0x11
#define CONFIG_REVERSED 20
#define CONFIG_STR "abc"
#define CONFIG_INVALID_DEFAULT foo
#define CONFIG_HEX_INVALID_DEFAULT 0xzz
#define CONFIG_INT_RANGE_HEX 0x20
