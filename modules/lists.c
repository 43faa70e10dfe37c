/*
 * lists: a sorted singly linked list of 300 kmalloc'd nodes, kept sorted on insertion, with
 * every third node removed and freed, then the rest freed. Prints the list's length and its
 * first values; returns a checksum of the values left, or -1 if allocation failed.
 */
#include "kernel.h"

struct node {
  struct node *next;
  int value;
  char label[10];
};

static struct node *insert_sorted(struct node *head, struct node *item) {
  struct node **link = &head;
  while (*link && (*link)->value < item->value) link = &(*link)->next;
  item->next = *link;
  *link = item;
  return head;
}

static int length(const struct node *head) {
  int n = 0;
  for (; head; head = head->next) n++;
  return n;
}

static struct node *remove_every_third(struct node *head) {
  struct node **link = &head;
  for (int i = 0; *link; i++) {
    if (i % 3 == 2) {
      struct node *gone = *link;
      *link = gone->next;
      kfree(gone);
    } else {
      link = &(*link)->next;
    }
  }
  return head;
}

int lists(void) {
  struct node *head = 0;
  unsigned seed = 7;
  for (int i = 0; i < 300; i++) {
    struct node *item = kmalloc(sizeof *item);
    if (!item) return -1;
    seed = seed * 1664525u + 1013904223u;
    item->value = (int)(seed >> 20);
    memset(item->label, 0, sizeof item->label);
    memcpy(item->label, "node", 4);
    item->label[4] = (char)('0' + i % 10);
    head = insert_sorted(head, item);
  }
  kprint("length ");
  kprint_int(length(head));
  head = remove_every_third(head);
  kprint(", after removing every third ");
  kprint_int(length(head));
  kprint("\nfirst:");
  int shown = 0, checksum = 0;
  for (struct node *p = head; p; p = p->next) {
    if (shown++ < 5) {
      kputc(' ');
      kprint(p->label);
      kputc('=');
      kprint_int(p->value);
    }
    checksum = (checksum * 7 + p->value) & 0xfffffff;
  }
  kputc('\n');
  while (head) {
    struct node *next = head->next;
    kfree(head);
    head = next;
  }
  return checksum;
}
