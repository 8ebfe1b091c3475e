/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_CC_HAS_OPTION 1
#define CONFIG_WITH_SPACE "a b,c"
#define CONFIG_SUCCESS 1
#define CONFIG_FAILURE 1
#define CONFIG_LD_VERSION "2.40"
