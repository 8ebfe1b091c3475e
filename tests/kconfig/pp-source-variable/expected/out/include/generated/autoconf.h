/*
 * Automatically generated file; DO NOT EDIT.
 * Linux/x86_64 Kernel Configuration
 */
#define CONFIG_COMMON 1
#define CONFIG_ARCH_FILE "arch/x86/Kconfig"
#define CONFIG_X86 1
