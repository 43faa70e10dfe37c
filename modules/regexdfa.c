/*
 * regexdfa: a table-driven DFA for the regular expression  [a-z_][a-z0-9_]*(\.[a-z]+)?=[0-9]+
 * (a key, an optional suffix, '=' and a number), run over a list of test strings. Character
 * classes come from a switch; transitions from a global table whose rows are reached through a
 * table of row pointers. Returns a bit per string that matched.
 */
enum class_id { LETTER, DIGIT, UNDERSCORE, DOT, EQUALS, OTHER, CLASS_COUNT };
enum { REJECT = 0, START, KEY, DOT_SEEN, SUFFIX, EQUALS_SEEN, VALUE, STATE_COUNT };

static const unsigned char reject_row[CLASS_COUNT] = {REJECT, REJECT, REJECT, REJECT, REJECT, REJECT};
static const unsigned char start_row[CLASS_COUNT] = {KEY, REJECT, KEY, REJECT, REJECT, REJECT};
static const unsigned char key_row[CLASS_COUNT] = {KEY, KEY, KEY, DOT_SEEN, EQUALS_SEEN, REJECT};
static const unsigned char dot_row[CLASS_COUNT] = {SUFFIX, REJECT, REJECT, REJECT, REJECT, REJECT};
static const unsigned char suffix_row[CLASS_COUNT] = {SUFFIX, REJECT, REJECT, REJECT, EQUALS_SEEN, REJECT};
static const unsigned char equals_row[CLASS_COUNT] = {REJECT, VALUE, REJECT, REJECT, REJECT, REJECT};
static const unsigned char value_row[CLASS_COUNT] = {REJECT, VALUE, REJECT, REJECT, REJECT, REJECT};

static const unsigned char *const transitions[STATE_COUNT] = {
  reject_row, start_row, key_row, dot_row, suffix_row, equals_row, value_row,
};
static const unsigned char accepting[STATE_COUNT] = {0, 0, 0, 0, 0, 0, 1};

static const char *const inputs[] = {
  "x=1", "max_count=100", "name.suffix=42", "_private=7", "9lives=9", "key=", "key.=3",
  "a.b.c=1", "under_score_2=2048", "=5", "k=12a", "deep.value=000", "tab\t=1", "",
  "z9=0", "CAPS=1",
};

static enum class_id classify(char c) {
  switch (c) {
  case '0': case '1': case '2': case '3': case '4':
  case '5': case '6': case '7': case '8': case '9':
    return DIGIT;
  case '_': return UNDERSCORE;
  case '.': return DOT;
  case '=': return EQUALS;
  default: return c >= 'a' && c <= 'z' ? LETTER : OTHER;
  }
}

static int matches(const char *s) {
  int state = START;
  while (*s && state != REJECT) state = transitions[state][classify(*s++)];
  return accepting[state];
}

int regexdfa(void) {
  int result = 0;
  for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
    if (matches(inputs[i])) result |= 1 << i;
  return result;
}
