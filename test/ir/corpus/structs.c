/* Structs: nested aggregates, sret returns, byval arguments, unions, bit-fields, packed layouts. */
struct point { int x, y; };
struct rect { struct point min, max; const char *name; };
struct big { long long a; int b[6]; char c; };
union word { unsigned int u; unsigned char bytes[4]; float f; };
struct flags { unsigned ready : 1; unsigned mode : 3; signed level : 4; unsigned rest : 24; };
struct __attribute__((packed)) header { char tag; int length; short kind; };
struct node { int value; struct node *next; };

struct rect screen = { { 0, 0 }, { 640, 480 }, "screen" };
struct point corners[3] = { { 1, 2 }, { 3, 4 } };
struct header packed_header = { 'H', 1234, -2 };
struct node tail_node = { 3, 0 };
struct node head_node = { 1, &tail_node };
union word pattern = { 0x11223344u };
struct flags default_flags = { 1, 5, -3, 77 };

struct big make_big(int seed) {
  struct big result = { seed, { seed, seed + 1, seed + 2 }, (char)seed };
  return result;
}

int sum_big(struct big value) {
  int total = (int)value.a + value.c;
  for (int i = 0; i < 6; i++) total += value.b[i];
  return total;
}

int area(const struct rect *r) {
  return (r->max.x - r->min.x) * (r->max.y - r->min.y);
}

struct point add_points(struct point a, struct point b) {
  struct point sum = { a.x + b.x, a.y + b.y };
  return sum;
}

int list_length(const struct node *node) {
  int count = 0;
  while (node) { count++; node = node->next; }
  return count;
}

int flag_bits(struct flags *f, int mode) {
  f->mode = mode;
  f->level = -mode;
  return f->ready + f->mode + f->level + (int)f->rest;
}

unsigned byte_of(union word w, int index) { return w.bytes[index & 3]; }

int packed_length(struct header *h) { return h->length + h->kind; }

void copy_rect(struct rect *to, const struct rect *from) { *to = *from; }

int use_all(int seed) {
  struct big b = make_big(seed);
  struct point p = add_points(corners[0], corners[1]);
  struct rect local = screen;
  local.max.x += p.x;
  return sum_big(b) + area(&local) + list_length(&head_node) + flag_bits(&default_flags, seed & 7) +
         (int)byte_of(pattern, seed) + packed_length(&packed_header);
}
