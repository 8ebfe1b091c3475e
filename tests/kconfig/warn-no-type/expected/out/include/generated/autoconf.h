/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
