/* Floating point: float and double arithmetic, comparisons, conversions, constants (decimal and hex forms). */
float f_values[] = { 0.0f, -0.0f, 1.0f, 0.1f, 3.14159265f, 1e-30f, 1e30f, 1.0f / 3.0f, 16777216.0f, 1.17549435e-38f };
double d_values[] = { 0.5, -2.25, 0.1, 1e300, 4.9e-324, 2.718281828459045, 123456.0, 1234567.0, 1e-7, 6.02214076e23 };
long double extended = 1.5L;
float infinity_value = __builtin_inff();
double not_a_number = __builtin_nan("");

float scale(float x, float k) { return x * k + 0.5f - x / 3.0f; }
double poly(double x) { return ((2.0 * x - 3.5) * x + 0.25) * x - 1e-3; }
double mixed(float f, double d, int i, unsigned u) { return f + d * i - u; }
int to_int(double d) { return (int)d; }
unsigned to_unsigned(float f) { return (unsigned)f; }
long long to_long(double d) { return (long long)d; }
unsigned long long to_ulong(double d) { return (unsigned long long)d; }
double from_long(long long x) { return (double)x; }
float from_ulong(unsigned long long x) { return (float)x; }
float narrow(double d) { return (float)d; }
double widen(float f) { return f; }
int compare(double a, double b) { return (a < b) + 2 * (a == b) + 4 * (a >= b) + 8 * (a != a); }
int fcompare(float a, float b) { return a > b ? 1 : a < b ? -1 : 0; }
double negate(double x) { return -x; }
float average(const float *v, int n) { float s = 0; for (int i = 0; i < n; i++) s += v[i]; return n ? s / n : 0; }
double remainder_of(double a, double b) { return __builtin_fmod(a, b); }
long double ext_add(long double a, double b) { return a + b; }
double abs_value(double x) { return __builtin_fabs(x); }
