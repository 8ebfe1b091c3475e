/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_ABS "$SRCTREE/sub/Kconfig.abs"
#define CONFIG_FROM_SRC 1
#define CONFIG_FROM_OBJ_COPY 1
#define CONFIG_NESTED 2
#define CONFIG_TOP 1
