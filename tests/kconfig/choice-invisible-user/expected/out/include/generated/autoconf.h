/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_HID_A 1
