/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_MODULES 1
#define CONFIG_ON_Y 1
#define CONFIG_DEP_M_MODULE 1
#define CONFIG_ON_M_MODULE 1
#define CONFIG_DEP_Y 1
#define CONFIG_ON_M_BOOL 1
#define CONFIG_TWO_DEPENDS_MODULE 1
