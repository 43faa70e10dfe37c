/* csmith_minimal.h wants these two headers; the compiler's freestanding ones do. */
#include <stdint.h>
