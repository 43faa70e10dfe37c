/*
 * qsort: a generic quicksort (elements of any size, swapped byte by byte, compared through a
 * function pointer) sorting 200 records by key with an insertion sort below 8 elements, then
 * checking the order. Returns a checksum of the sorted ids, or -1 if out of order.
 */
typedef int (*compare_function)(const void *, const void *);

struct record {
  int key;
  short id;
  char tag;
};

#define COUNT 200
static struct record records[COUNT];

static void swap_bytes(char *x, char *y, unsigned size) {
  for (unsigned i = 0; i < size; i++) {
    char t = x[i];
    x[i] = y[i];
    y[i] = t;
  }
}

static void insertion_sort(char *base, unsigned count, unsigned size, compare_function compare) {
  for (unsigned i = 1; i < count; i++)
    for (unsigned j = i; j > 0 && compare(base + (j - 1) * size, base + j * size) > 0; j--)
      swap_bytes(base + (j - 1) * size, base + j * size, size);
}

static void quick_sort(char *base, unsigned count, unsigned size, compare_function compare) {
  while (count >= 8) {
    swap_bytes(base, base + (count / 2) * size, size);
    unsigned last = 0;
    for (unsigned i = 1; i < count; i++)
      if (compare(base + i * size, base) < 0) swap_bytes(base + ++last * size, base + i * size, size);
    swap_bytes(base, base + last * size, size);
    quick_sort(base, last, size, compare);
    base += (last + 1) * size;
    count -= last + 1;
  }
  insertion_sort(base, count, size, compare);
}

static int by_key(const void *x, const void *y) {
  const struct record *a = x, *b = y;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  return a->id - b->id;
}

int qsort(void) {
  unsigned seed = 2463534242u;
  for (int i = 0; i < COUNT; i++) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    records[i].key = (int)(seed % 1000) - 500;
    records[i].id = (short)i;
    records[i].tag = (char)('a' + i % 26);
  }
  quick_sort((char *)records, COUNT, sizeof records[0], by_key);
  int checksum = 0;
  for (int i = 0; i < COUNT; i++) {
    if (i > 0 && by_key(&records[i - 1], &records[i]) > 0) return -1;
    checksum = checksum * 31 + records[i].id + records[i].tag;
    checksum &= 0xffffff;
  }
  return checksum;
}
