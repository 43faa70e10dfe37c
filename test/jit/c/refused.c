/* Each function uses one feature the first-tier JIT refuses; the test compiles one at a time. */
#ifdef FLOAT
float scale(float x) { return x * 2.5f; }
#endif
#ifdef VECTOR
typedef int v4 __attribute__((vector_size(16)));
int lanes(v4 a, v4 b) { v4 c = a + b; return c[1]; }
#endif
#ifdef ASM
int spin(int x) { __asm__ volatile("nop"); return x; }
#endif
#ifdef ATOMIC
int counter;
int bump(void) { return __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST); }
#endif
#ifdef EXTERNAL
int missing(int);
int caller(int x) { return missing(x) + 1; }
#endif
