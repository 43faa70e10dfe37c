/* Less common C that clang still emits for freestanding i386: computed goto, aliases, weak and hidden
   symbols, sections, alignment, thread-local and atomic loads/stores, VLAs, _Complex, enums, bool, long double,
   frame and return addresses, prefetch. */
enum color { RED, GREEN = 5, BLUE };
_Thread_local int per_thread = 3;
int counter __attribute__((section(".counters"))) = 1;
__attribute__((visibility("hidden"))) int hidden_value = 2;
__attribute__((aligned(64))) char aligned_buffer[100];
__attribute__((weak)) int weak_function(int x) { return x + 1; }
int real_function(int x) { return x * 3; }
int alias_function(int) __attribute__((alias("real_function")));
static const enum color palette[] = { RED, BLUE, GREEN };

int dispatch(int op, int value) {
  static void *labels[] = { &&add, &&sub, &&done };
  goto *labels[op % 3];
add:
  value += 10;
sub:
  value -= 3;
done:
  return value;
}

int sum_vla(int n) {
  int values[n];
  for (int i = 0; i < n; i++) values[i] = i * i;
  int total = 0;
  for (int i = 0; i < n; i++) total += values[i];
  return total;
}

_Complex float complex_multiply(_Complex float a, _Complex float b) { return a * b; }
double complex_abs_squared(_Complex double z) { return __real__ z * __real__ z + __imag__ z * __imag__ z; }
_Bool is_blue(enum color c) { return c == BLUE; }
long double extended(long double x, int n) { return x * n + 0.5L; }
int atomic_read(int *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
void atomic_write(int *p, int v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); __atomic_thread_fence(__ATOMIC_SEQ_CST); }
void *frame(void) { return __builtin_frame_address(0); }
void *caller(void) { return __builtin_return_address(0); }
void warm(const char *p) { __builtin_prefetch(p); __builtin_prefetch(p + 64, 1, 1); }
int use_palette(int i) { return palette[i % 3] + per_thread + counter + hidden_value + aligned_buffer[i & 63] + weak_function(i) + alias_function(i); }
