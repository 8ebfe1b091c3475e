/*
 * Automatically generated file; DO NOT EDIT.
 * Layout test
 */
#define CONFIG_MC 1
#define CONFIG_IN_MENU 1
#define CONFIG_NESTED 3
#define CONFIG_PARENT_DEP2 5
#define CONFIG_PARENT_DEP1 1
#define CONFIG_MC_CHILD1 1
#define CONFIG_TOP 1
#define CONFIG_PARENT 1
