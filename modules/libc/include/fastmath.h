#ifndef _FASTMATH_H_
#ifdef __cplusplus
extern "C" {
#endif
#define _FASTMATH_H_

#include <math.h>
#include <machine/fastmath.h>

#ifdef __cplusplus
}
#endif
#endif /* _FASTMATH_H_ */
