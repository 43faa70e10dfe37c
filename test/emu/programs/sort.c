/* Sorting: quicksort, mergesort and insertion sort over pseudo-random arrays, checked and summed. */
#include "runtime.h"

#define COUNT 2000

static u32 seed = 12345;
static u32 next_random(void) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 1;
}

static void quicksort(int *items, int low, int high) {
  while (low < high) {
    int pivot = items[(low + high) / 2], left = low, right = high;
    while (left <= right) {
      while (items[left] < pivot) left++;
      while (items[right] > pivot) right--;
      if (left <= right) {
        int swap = items[left];
        items[left++] = items[right];
        items[right--] = swap;
      }
    }
    if (right - low < high - left) {
      quicksort(items, low, right);
      low = left;
    } else {
      quicksort(items, left, high);
      high = right;
    }
  }
}

static int scratch[COUNT];

static void mergesort(u32 *items, int count) {
  if (count < 2) return;
  int half = count / 2;
  mergesort(items, half);
  mergesort(items + half, count - half);
  int left = 0, right = half, out = 0;
  while (left < half && right < count) scratch[out++] = (int)(items[left] <= items[right] ? items[left++] : items[right++]);
  while (left < half) scratch[out++] = (int)items[left++];
  while (right < count) scratch[out++] = (int)items[right++];
  memcpy(items, scratch, (size_t)count * sizeof *items);
}

static void insertion_sort(short *items, int count) {
  for (int index = 1; index < count; index++) {
    short value = items[index];
    int position = index - 1;
    while (position >= 0 && items[position] > value) {
      items[position + 1] = items[position];
      position--;
    }
    items[position + 1] = value;
  }
}

static int signed_items[COUNT];
static u32 unsigned_items[COUNT];
static short short_items[300];

int main(void) {
  u32 sum = 0;
  for (int index = 0; index < COUNT; index++) {
    signed_items[index] = (int)next_random() - 0x40000000;
    unsigned_items[index] = next_random() * 3u;
  }
  for (int index = 0; index < 300; index++) short_items[index] = (short)next_random();
  quicksort(signed_items, 0, COUNT - 1);
  mergesort(unsigned_items, COUNT);
  insertion_sort(short_items, 300);
  int sorted = 1;
  for (int index = 1; index < COUNT; index++) {
    if (signed_items[index - 1] > signed_items[index] || unsigned_items[index - 1] > unsigned_items[index]) sorted = 0;
    sum = sum * 31u + (u32)signed_items[index] + unsigned_items[index];
  }
  for (int index = 1; index < 300; index++) {
    if (short_items[index - 1] > short_items[index]) sorted = 0;
    sum ^= (u32)(int)short_items[index] << (index & 15);
  }
  put_line("sorted", (u32)sorted);
  put_str("first ");
  put_i32(signed_items[0]);
  put_str(" last ");
  put_i32(signed_items[COUNT - 1]);
  put_str(" median ");
  put_u32(unsigned_items[COUNT / 2]);
  put_str("\nsum ");
  put_hex32(sum);
  put_char('\n');
  return sorted ? 0 : 1;
}
