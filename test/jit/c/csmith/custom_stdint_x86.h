/* csmith_minimal.h expects these; the compiler's freestanding headers provide them. */
#include <stdint.h>
