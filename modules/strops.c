/*
 * strops: string routines written out (length, compare, copy, reverse, upper case, word count,
 * decimal conversion both ways) over a global table of string pointers. Returns a checksum.
 */
static const char *const words[] = {
  "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
};
static const char sentence[] = "  the quick brown fox   jumps over\tthe lazy dog ";
static const char *const numbers[] = {"0", "42", "-17", "2147483647", "-2147483648", "+9x"};
static const char *const *const tables[] = {words, numbers};

static unsigned length(const char *s) {
  unsigned n = 0;
  while (s[n]) n++;
  return n;
}

static int compare(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}

static char *copy(char *destination, const char *source) {
  char *d = destination;
  while ((*d++ = *source++) != 0) {
  }
  return destination;
}

static void reverse(char *s) {
  for (unsigned i = 0, j = length(s); i + 1 < j; i++, j--) {
    char t = s[i];
    s[i] = s[j - 1];
    s[j - 1] = t;
  }
}

static void upper(char *s) {
  for (; *s; s++)
    if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 'a' + 'A');
}

static int count_words(const char *s) {
  int count = 0, inside = 0;
  for (; *s; s++) {
    int space = *s == ' ' || *s == '\t';
    if (!space && !inside) count++;
    inside = !space;
  }
  return count;
}

static int to_int(const char *s) {
  int negative = *s == '-';
  if (*s == '-' || *s == '+') s++;
  unsigned value = 0;
  while (*s >= '0' && *s <= '9') value = value * 10 + (unsigned)(*s++ - '0');
  return negative ? (int)(0u - value) : (int)value;
}

static unsigned to_text(int value, char *out) {
  char digits[12];
  unsigned n = 0, magnitude = value < 0 ? 0u - (unsigned)value : (unsigned)value;
  do digits[n++] = (char)('0' + magnitude % 10); while ((magnitude /= 10) != 0);
  unsigned k = 0;
  if (value < 0) out[k++] = '-';
  while (n > 0) out[k++] = digits[--n];
  out[k] = 0;
  return k;
}

static unsigned hash(const char *s) {
  unsigned h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}

int strops(void) {
  char buffer[64];
  unsigned checksum = 0;
  for (int i = 0; i < 8; i++) {
    copy(buffer, tables[0][i]);
    reverse(buffer);
    upper(buffer);
    checksum = checksum * 33 + hash(buffer) + length(buffer);
    checksum += (unsigned)compare(words[i], words[(i + 3) % 8]);
  }
  for (int i = 0; i < 6; i++) {
    int value = to_int(tables[1][i]);
    unsigned size = to_text(value, buffer);
    checksum = checksum * 33 + hash(buffer) + size;
  }
  checksum += (unsigned)count_words(sentence) * 1000;
  return (int)(checksum & 0x7fffffff);
}
