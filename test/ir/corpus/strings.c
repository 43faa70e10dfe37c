/* Strings and globals that refer to other globals: pointers into arrays and structs, string tables. */
const char greeting[] = "Hello, world!\n";
const char *message = "tab\there \"quoted\" back\\slash \x01\x7f\xff";
char buffer[64];
char *cursor = buffer + 10;
const char *table[] = { "alpha", "beta", "gamma", greeting, 0 };
int numbers[8] = { 1, -2, 3, -4, 5 };
int *middle = &numbers[4];
int **indirect = &middle;
struct pair { int *first; const char *second; } pairs[2] = { { numbers, "one" }, { &numbers[7], greeting + 7 } };
unsigned short wide_chars[] = { 'a', 0x263a, 0 };
const char empty[1] = "";
const char no_terminator[3] = "abc";
long difference = (long)(&numbers[3]) - 0;

unsigned length(const char *s) { unsigned n = 0; while (s[n]) n++; return n; }

int compare(const char *a, const char *b) {
  while (*a && *a == *b) { a++; b++; }
  return (unsigned char)*a - (unsigned char)*b;
}

char *copy(char *to, const char *from) { char *start = to; while ((*to++ = *from++)) {} return start; }

int count_in_table(char c) {
  int total = 0;
  for (const char **entry = table; *entry; entry++)
    for (const char *p = *entry; *p; p++) total += *p == c;
  return total;
}

const char *pick(int i) { return i < 0 ? message : table[i % 4]; }

int sum_numbers(void) { int s = 0; for (int *p = numbers; p < numbers + 8; p++) s += *p; return s + **indirect; }

void fill(char c) { for (int i = 0; i < 63; i++) buffer[i] = c; buffer[63] = 0; cursor = &buffer[c & 31]; }
