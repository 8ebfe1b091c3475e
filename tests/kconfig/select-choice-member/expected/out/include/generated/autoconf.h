/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_PICK_B 1
#define CONFIG_CA 1
