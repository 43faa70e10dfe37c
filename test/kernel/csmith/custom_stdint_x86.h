/* csmith_minimal.h includes this; the compiler's freestanding header provides the types. */
#include <stdint.h>
