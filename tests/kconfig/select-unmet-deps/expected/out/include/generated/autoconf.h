/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_SEL_M_MODULE 1
#define CONFIG_FORCED_TRI 1
#define CONFIG_MODULES 1
#define CONFIG_DEP2_MODULE 1
#define CONFIG_SEL_ALSO 1
#define CONFIG_SEL_Y 1
#define CONFIG_FORCED 1
