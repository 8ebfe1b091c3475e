/*
 * Automatically generated file; DO NOT EDIT.
 * Main menu
 */
#define CONFIG_UNSET_ENV ""
#define CONFIG_ARCH_DEF "x86"
#define CONFIG_SRCTREE_REF "$SRCTREE"
#define CONFIG_CC_ASSIGNED "assigned-cc"
#define CONFIG_CC_AGAIN "gcc-12"
#define CONFIG_FROM_ENV_EMPTY ""
#define CONFIG_CC_NAME "gcc-12"
