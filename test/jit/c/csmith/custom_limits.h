/* csmith_minimal.h expects this; the compiler's freestanding headers provide it (float.h for
 * the unused floating-point helpers of safe_math.h). */
#include <limits.h>
#include <float.h>
