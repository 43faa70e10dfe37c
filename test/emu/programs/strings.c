/* String handling: length, compare, reverse, number conversion, search (naive and KMP), words, argv. */
#include "runtime.h"

static int string_compare(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}

static void reverse(char *text) {
  size_t length = strlen(text);
  for (size_t i = 0; i < length / 2; i++) {
    char swap = text[i];
    text[i] = text[length - 1 - i];
    text[length - 1 - i] = swap;
  }
}

static int to_text(int value, char *out) {
  char *start = out;
  unsigned magnitude = value < 0 ? 0u - (unsigned)value : (unsigned)value;
  do *out++ = (char)('0' + magnitude % 10); while ((magnitude /= 10) != 0);
  if (value < 0) *out++ = '-';
  *out = 0;
  reverse(start);
  return (int)(out - start);
}

static int from_text(const char *text) {
  int sign = 1, value = 0;
  while (*text == ' ') text++;
  if (*text == '-') sign = -1, text++;
  while (*text >= '0' && *text <= '9') value = value * 10 + (*text++ - '0');
  return sign * value;
}

static int find_naive(const char *haystack, const char *needle) {
  size_t n = strlen(haystack), m = strlen(needle);
  for (size_t i = 0; i + m <= n; i++) {
    if (memcmp(haystack + i, needle, m) == 0) return (int)i;
  }
  return -1;
}

static int find_kmp(const char *haystack, const char *needle) {
  int failure[64], m = (int)strlen(needle), matched = 0;
  failure[0] = 0;
  for (int i = 1, k = 0; i < m; i++) {
    while (k > 0 && needle[i] != needle[k]) k = failure[k - 1];
    if (needle[i] == needle[k]) k++;
    failure[i] = k;
  }
  for (int i = 0; haystack[i]; i++) {
    while (matched > 0 && haystack[i] != needle[matched]) matched = failure[matched - 1];
    if (haystack[i] == needle[matched]) matched++;
    if (matched == m) return i - m + 1;
  }
  return -1;
}

static int count_words(const char *text) {
  int words = 0, inside = 0;
  for (; *text; text++) {
    int letter = (*text | 32) >= 'a' && (*text | 32) <= 'z';
    if (letter && !inside) words++;
    inside = letter;
  }
  return words;
}

static void upper(char *text) {
  for (; *text; text++) if (*text >= 'a' && *text <= 'z') *text = (char)(*text - 32);
}

static const char *text = "it was the best of times, it was the worst of times, it was the age of wisdom, "
                          "it was the age of foolishness, abababcabababcababd";

int main(int argc, char **argv) {
  char buffer[200], number[16];
  static const int values[] = {0, 1, -1, 2147483647, -2147483647 - 1, 1234567, -98765};
  put_line("argc", (u32)argc);
  for (int i = 1; i < argc; i++) {
    put_str("arg ");
    put_str(argv[i]);
    put_char(' ');
    put_i32(from_text(argv[i]));
    put_char('\n');
  }
  for (int i = 0; i < 7; i++) {
    to_text(values[i], number);
    put_str(number);
    put_char(from_text(number) == values[i] ? ' ' : '!');
  }
  put_char('\n');
  put_line("words", (u32)count_words(text));
  const char *needles[] = {"worst", "ababd", "age of f", "missing", "it"};
  for (int i = 0; i < 5; i++) {
    put_i32(find_naive(text, needles[i]));
    put_char('/');
    put_i32(find_kmp(text, needles[i]));
    put_char(' ');
  }
  put_char('\n');
  memcpy(buffer, text, strlen(text) + 1);
  upper(buffer);
  reverse(buffer);
  put_str(buffer);
  put_char('\n');
  put_i32(string_compare("apple", "apricot"));
  put_char(' ');
  put_i32(string_compare("same", "same"));
  put_char(' ');
  put_i32(string_compare("zeta", "alpha"));
  put_char('\n');
  return count_words(text) & 0xff;
}
