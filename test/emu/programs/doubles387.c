/* doubles.c through the x87 (-mfpmath=387), with the precision control set to 53 bits first. */
#define X87_DOUBLE_PRECISION 1
#include "doubles.c"
