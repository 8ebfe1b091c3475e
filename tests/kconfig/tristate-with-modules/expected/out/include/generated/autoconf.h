/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_T_Y 1
#define CONFIG_T_AND_MODULE 1
#define CONFIG_B_FROM_M 1
#define CONFIG_T_EQ_M 1
#define CONFIG_T_USER_M_MODULE 1
#define CONFIG_T_M_MODULE 1
#define CONFIG_MODULES 1
#define CONFIG_T_DEP_M_MODULE 1
#define CONFIG_T_NOT_M_MODULE 1
#define CONFIG_T_NEQ_Y 1
#define CONFIG_T_USER_Y_DEP_M_MODULE 1
#define CONFIG_T_OR_MODULE 1
