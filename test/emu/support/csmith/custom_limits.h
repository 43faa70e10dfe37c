/*
 * csmith_minimal.h wants this header (and custom_stdint_x86.h); the compiler's freestanding
 * limits.h and float.h serve, and fabs/fabsf (in safe_math.h's float helpers, which programs
 * generated without --float never call) become compiler builtins.
 */
#include <limits.h>
#include <float.h>
#define fabsf __builtin_fabsf
#define fabs __builtin_fabs
