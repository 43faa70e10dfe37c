/* Switches: dense (jump tables, switch.table globals at -O2), sparse, fall-through, chars, i64. */
int dense(int x) {
  switch (x) {
  case 0: return 10; case 1: return 21; case 2: return 32; case 3: return 43;
  case 4: return 54; case 5: return 65; case 6: return 76; case 7: return 87;
  default: return -1;
  }
}

const char *names(unsigned x) {
  switch (x) {
  case 0: return "zero"; case 1: return "one"; case 2: return "two"; case 3: return "three";
  case 4: return "four"; default: return "many";
  }
}

int sparse(int x) {
  switch (x) {
  case -100: return 1; case 7: return 2; case 1000: return 3; case 65536: return 4;
  case 2147483647: return 5; default: return 0;
  }
}

int fallthrough(int x) {
  int total = 0;
  switch (x) {
  case 1: total += 1;
  case 2: total += 2;
  case 3: total += 3; break;
  case 4: total = 40; break;
  default: total = -x;
  }
  return total;
}

int classify(char c) {
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
  case ' ': case '\t': case '\n': return 2;
  case '0' ... '9': return 3;
  default: return 0;
  }
}

long long wide(long long x) {
  switch (x) {
  case 1: return 5; case 0x100000000LL: return 6; case -1: return 7; default: return x * 2;
  }
}

int loop_switch(const char *s) {
  int state = 0;
  for (; *s; s++) {
    switch (state) {
    case 0: state = *s == 'a' ? 1 : 0; break;
    case 1: state = *s == 'b' ? 2 : (*s == 'a'); break;
    case 2: return 1;
    }
  }
  return state == 2;
}
