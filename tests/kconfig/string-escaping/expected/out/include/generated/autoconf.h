/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_FROM_USER_UNQUOTED ""
#define CONFIG_FROM_USER "a \"quoted\" \\ value"
#define CONFIG_FROM_USER_HASH "#not a comment"
#define CONFIG_QUOTES "say \"hi\""
#define CONFIG_DOLLAR "$$HOME and "
#define CONFIG_SINGLE_QUOTED "it\"s"
#define CONFIG_BACKSLASH "C:\\path\\to"
#define CONFIG_ESCAPED_OTHER "abc"
#define CONFIG_TAB_SPACE "  two leading spaces"
