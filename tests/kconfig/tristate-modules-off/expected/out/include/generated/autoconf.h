/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_T_Y 1
#define CONFIG_T_AND 1
#define CONFIG_B_FROM_M 1
#define CONFIG_T_USER_M 1
#define CONFIG_T_M 1
#define CONFIG_T_DEP_M 1
#define CONFIG_T_OR 1
