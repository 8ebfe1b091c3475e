/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_SEL_M_MODULE 1
#define CONFIG_IF_TARGET 1
#define CONFIG_MODULES 1
#define CONFIG_IMP_Y 1
#define CONFIG_BOTH_MODULE 1
#define CONFIG_GATE2 1
#define CONFIG_IN_IF_SELECTS 1
