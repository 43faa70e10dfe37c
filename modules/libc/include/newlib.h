/*
 * newlib's configuration for module bitcode: what newlib's configure writes into newlib.h
 * (from newlib/newlib.hin), chosen by hand for an i386 kernel module. Integer printf with the
 * C99 and long long formats; no floating point in printf (NO_FLOATING_POINT, as configure's
 * --disable-newlib-io-float), no multibyte, no wide orientation, no locks.
 */
#ifndef __NEWLIB_H__
#define __NEWLIB_H__ 1

#include <_newlib_version.h>

#define _WANT_IO_C99_FORMATS 1
#define _WANT_IO_LONG_LONG 1
#define _MB_LEN_MAX 1
#define _ATEXIT_DYNAMIC_ALLOC 1
#define _HAVE_CC_INHIBIT_LOOP_TO_LIBCALL 1
#define _FVWRITE_IN_STREAMIO 1
#define _FSEEK_OPTIMIZATION 1
#define _UNBUF_STREAM_OPT 1
#define _LITE_EXIT 1
#define _WANT_REENT_GLOBAL_STDIO_STREAMS 1

#endif /* __NEWLIB_H__ */
