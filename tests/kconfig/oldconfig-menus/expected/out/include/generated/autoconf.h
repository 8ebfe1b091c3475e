/*
 * Automatically generated file; DO NOT EDIT.
 * Menus in oldconfig
 */
#define CONFIG_CHILD 1
#define CONFIG_M1 1
#define CONFIG_M2 5
#define CONFIG_MC 1
#define CONFIG_MC_SUB 1
#define CONFIG_PARENT 1
