/* Function pointers: tables of them in globals, callbacks, indirect calls, returning them. */
typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
int divide(int a, int b) { return b ? a / b : 0; }

binop operations[4] = { add, sub, mul, divide };
const binop *current = &operations[1];
struct command { const char *name; binop run; };
struct command commands[] = { { "add", add }, { "sub", sub }, { "mul", mul }, { 0, 0 } };
void (*hook)(int);

int apply(binop f, int a, int b) { return f(a, b); }

int fold(const int *values, int count, binop f, int start) {
  for (int i = 0; i < count; i++) start = f(start, values[i]);
  return start;
}

binop pick(int index) { return operations[index & 3]; }

int run_named(const char *name, int a, int b) {
  for (struct command *c = commands; c->name; c++) {
    const char *p = c->name, *q = name;
    while (*p && *p == *q) { p++; q++; }
    if (*p == *q) return c->run(a, b);
  }
  return (*current)(a, b);
}

void call_hook(int value) { if (hook) hook(value); }

int compose(int x) { return pick(x)(apply(pick(x + 1), x, 3), fold(&x, 1, mul, 2)); }
