/*
 * sum: 1 + 2 + ... + 100, by a loop over a bound held in an exported global (so that the
 * optimiser cannot fold the loop to a constant). Returns 5050.
 */
int sum_limit = 100;

int sum(void) {
  int total = 0;
  for (int i = 1; i <= sum_limit; i++) total += i;
  return total;
}
