/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_COND_RANGE 10
#define CONFIG_CLAMP_LOW 1
#define CONFIG_USER_OUT 10
#define CONFIG_NEG_RANGE -5
#define CONFIG_IN_RANGE 50
#define CONFIG_NO_DEFAULT 8
#define CONFIG_LOW 10
#define CONFIG_SYM_RANGE 10
#define CONFIG_USER_IN 9
#define CONFIG_CLAMP_HIGH 100
