/* csmith_minimal.h includes this; the compiler's freestanding headers provide the limits
 * (float.h for the unused floating-point helpers of safe_math.h). */
#include <limits.h>
#include <float.h>
