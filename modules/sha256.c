/*
 * sha256: SHA-256 (FIPS 180-4) of the two-block test message "abcdbcdecdefdefg...nopq",
 * with a context struct, a global constant table and rotates. Its digest is
 * 248d6a61 d20638b8 e5c02693 0c3e6039 a33ce459 64ff2167 f6ecedd4 19db06c1;
 * returns the XOR of the eight digest words as an int, or -1 if the digest is wrong.
 */
typedef unsigned int u32;
typedef unsigned char u8;
typedef unsigned long long u64;

struct sha256 {
  u32 state[8];
  u8 block[64];
  u32 used;
  u64 length;
};

static const u32 round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const u32 initial_state[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static const char message[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

static const u32 expected[8] = {
  0x248d6a61, 0xd20638b8, 0xe5c02693, 0x0c3e6039, 0xa33ce459, 0x64ff2167, 0xf6ecedd4, 0x19db06c1,
};

static u32 rotr(u32 x, int n) { return (x >> n) | (x << (32 - n)); }

static void compress(struct sha256 *context) {
  u32 w[64];
  for (int i = 0; i < 16; i++) {
    const u8 *p = context->block + 4 * i;
    w[i] = (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
  }
  for (int i = 16; i < 64; i++) {
    u32 s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 v[8];
  for (int i = 0; i < 8; i++) v[i] = context->state[i];
  for (int i = 0; i < 64; i++) {
    u32 t1 = v[7] + (rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25)) + ((v[4] & v[5]) ^ (~v[4] & v[6])) +
             round_constants[i] + w[i];
    u32 t2 = (rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22)) + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
    for (int j = 7; j > 0; j--) v[j] = v[j - 1];
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (int i = 0; i < 8; i++) context->state[i] += v[i];
}

static void update(struct sha256 *context, const u8 *data, u32 size) {
  for (u32 i = 0; i < size; i++) {
    context->block[context->used++] = data[i];
    if (context->used == 64) {
      compress(context);
      context->used = 0;
    }
  }
  context->length += (u64)size * 8;
}

static void finish(struct sha256 *context) {
  u64 bits = context->length;
  static const u8 pad = 0x80, zero = 0;
  update(context, &pad, 1);
  while (context->used != 56) update(context, &zero, 1);
  u8 length_bytes[8];
  for (int i = 0; i < 8; i++) length_bytes[i] = (u8)(bits >> (56 - 8 * i));
  update(context, length_bytes, 8);
}

int sha256(void) {
  struct sha256 context = {{0}, {0}, 0, 0};
  for (int i = 0; i < 8; i++) context.state[i] = initial_state[i];
  update(&context, (const u8 *)message, sizeof message - 1);
  finish(&context);
  u32 fold = 0;
  for (int i = 0; i < 8; i++) {
    if (context.state[i] != expected[i]) return -1;
    fold ^= context.state[i];
  }
  return (int)fold;
}
