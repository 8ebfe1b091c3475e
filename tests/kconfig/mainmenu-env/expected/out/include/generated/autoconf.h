/*
 * Automatically generated file; DO NOT EDIT.
 * Linux/x86 6.12.0 Kernel Configuration
 */
#define CONFIG_A 1
