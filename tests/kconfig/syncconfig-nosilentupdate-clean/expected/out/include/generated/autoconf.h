/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_NEWLY_SET 1
#define CONFIG_MODULES 1
#define CONFIG_CHANGED_TRI_MODULE 1
#define CONFIG_CHANGED_STR "new"
#define CONFIG_SAME_STR "same"
#define CONFIG_CHANGED_INT 2
#define CONFIG_UNCHANGED 1
