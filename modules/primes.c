/*
 * primes: how many primes are below 1000, by the sieve of Eratosthenes over a global
 * (zero-initialised) byte array, checked by trial division. Returns 168.
 */
#define LIMIT 1000

static unsigned char composite[LIMIT];

static int is_prime_by_division(int n) {
  if (n < 2) return 0;
  for (int d = 2; d * d <= n; d++)
    if (n % d == 0) return 0;
  return 1;
}

int primes(void) {
  int count = 0;
  for (int i = 2; i < LIMIT; i++) {
    if (composite[i]) continue;
    count++;
    for (int j = i * i; j < LIMIT; j += i) composite[j] = 1;
  }
  for (int i = 0; i < LIMIT; i++)
    if (is_prime_by_division(i) != (i >= 2 && !composite[i])) return -1;
  return count;
}
