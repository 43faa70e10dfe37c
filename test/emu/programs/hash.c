/* Hashing: CRC-32 (bitwise and table-driven), FNV-1a 32 and 64, SHA-256 (FIPS 180-4 test vectors). */
#include "runtime.h"

static u32 crc_table[256];

static void make_crc_table(void) {
  for (u32 byte = 0; byte < 256; byte++) {
    u32 crc = byte;
    for (int bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
    crc_table[byte] = crc;
  }
}

static u32 crc32_table(const u8 *data, size_t length) {
  u32 crc = 0xffffffffu;
  while (length--) crc = crc_table[(crc ^ *data++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static u32 crc32_bitwise(const u8 *data, size_t length) {
  u32 crc = 0xffffffffu;
  while (length--) {
    crc ^= *data++;
    for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

static u32 fnv1a32(const u8 *data, size_t length) {
  u32 hash = 2166136261u;
  while (length--) hash = (hash ^ *data++) * 16777619u;
  return hash;
}

static u64 fnv1a64(const u8 *data, size_t length) {
  u64 hash = 14695981039346656037ull;
  while (length--) hash = (hash ^ *data++) * 1099511628211ull;
  return hash;
}

static const u32 k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(u32 state[8], const u8 block[64]) {
  u32 w[64];
  for (int i = 0; i < 16; i++) w[i] = (u32)block[4 * i] << 24 | (u32)block[4 * i + 1] << 16 | (u32)block[4 * i + 2] << 8 | block[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    u32 s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; i++) {
    u32 t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
    u32 t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d;
  state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

static void sha256(const u8 *data, size_t length, u32 digest[8]) {
  static const u32 initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  u8 block[64];
  memcpy(digest, initial, sizeof initial);
  size_t done = 0;
  for (; done + 64 <= length; done += 64) sha256_block(digest, data + done);
  size_t rest = length - done;
  memset(block, 0, 64);
  memcpy(block, data + done, rest);
  block[rest] = 0x80;
  if (rest >= 56) {
    sha256_block(digest, block);
    memset(block, 0, 64);
  }
  u64 bits = (u64)length * 8;
  for (int i = 0; i < 8; i++) block[63 - i] = (u8)(bits >> (8 * i));
  sha256_block(digest, block);
}

static const char *inputs[] = {"", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
  "The quick brown fox jumps over the lazy dog"};

int main(void) {
  static u8 big[3000];
  make_crc_table();
  for (int i = 0; i < 3000; i++) big[i] = (u8)(i * 7 + (i >> 3));
  u32 mismatches = 0;
  for (int n = 0; n < 4; n++) {
    const u8 *data = (const u8 *)inputs[n];
    size_t length = strlen(inputs[n]);
    u32 digest[8];
    sha256(data, length, digest);
    put_str("sha256 ");
    for (int i = 0; i < 8; i++) put_hex32(digest[i]);
    put_str("\ncrc32 ");
    put_hex32(crc32_table(data, length));
    put_str(" fnv32 ");
    put_hex32(fnv1a32(data, length));
    put_str(" fnv64 ");
    put_hex64(fnv1a64(data, length));
    put_char('\n');
    mismatches += crc32_table(data, length) != crc32_bitwise(data, length);
  }
  u32 digest[8];
  sha256(big, sizeof big, digest);
  put_str("big ");
  put_hex32(digest[0]);
  put_char(' ');
  put_hex32(crc32_table(big, sizeof big));
  put_char('\n');
  put_line("crc mismatches", mismatches);
  return (int)(digest[7] & 0x3f);
}
