/*
 * Automatically generated file; DO NOT EDIT.
 * My "special" kernel  Configuration
 */
#define CONFIG_A 1
