/*
 * llbc.h -- the LLBC module header, for kernel authors (see docs/FORMAT.md).
 *
 * A module file is this 128-byte header followed by raw LLVM bitcode ("BC" 0xC0DE) at offset
 * LLBC_BITCODE_OFFSET. Little-endian, packed. Fields 0..111 are BareFlow's bitcode_header_t;
 * crc and flags are mkimg's additions, which a kernel may ignore. The legacy 120-byte layout
 * (BareFlow's own struct, bitcode at 120) is `mkimg wrap --layout 120`.
 *
 * Every size and offset below is checked at compile time.
 */
#ifndef LLBC_H
#define LLBC_H

#include <stddef.h>
#include <stdint.h>

#define LLBC_MAGIC 0x4C4C4243u          /* "LLBC" as a little-endian u32: bytes 43 42 4C 4C */
#define LLBC_HEADER_SIZE 128u
#define LLBC_BITCODE_OFFSET 128u        /* legacy BareFlow layout: 120 */
#define LLBC_MAX_BITCODE_SIZE (1u << 20) /* the kernel refuses more */
#define LLBC_NAME_SIZE 32u              /* NUL-terminated printable ASCII, at most 31 characters */
#define LLBC_ENTRY_SIZE 64u             /* NUL-terminated printable ASCII, at most 63 characters */
#define LLBC_FLAG_CRC_PRESENT 0x1u      /* crc holds the CRC-32 (IEEE) of the bitcode */

typedef struct __attribute__((packed)) llbc_header {
  uint32_t magic;                      /* 0x00: LLBC_MAGIC */
  char module_name[LLBC_NAME_SIZE];    /* 0x04 */
  char entry_name[LLBC_ENTRY_SIZE];    /* 0x24: the entry function's symbol */
  uint32_t bitcode_size;               /* 0x64: 0 < size <= LLBC_MAX_BITCODE_SIZE */
  uint32_t version;                    /* 0x68: not checked by the kernel */
  uint32_t opt_level;                  /* 0x6C: 0..3 */
  uint32_t crc;                        /* 0x70: CRC-32 of the bitcode when flags bit 0 is set, else 0 */
  uint32_t flags;                      /* 0x74: bit 0 LLBC_FLAG_CRC_PRESENT; other bits 0 */
  uint8_t reserved[8];                 /* 0x78: zero */
} llbc_header_t;                       /* bitcode follows at 0x80 */

_Static_assert(sizeof(llbc_header_t) == LLBC_HEADER_SIZE, "llbc_header_t must be 128 bytes");
_Static_assert(offsetof(llbc_header_t, magic) == 0x00, "magic at 0x00");
_Static_assert(offsetof(llbc_header_t, module_name) == 0x04, "module_name at 0x04");
_Static_assert(offsetof(llbc_header_t, entry_name) == 0x24, "entry_name at 0x24");
_Static_assert(offsetof(llbc_header_t, bitcode_size) == 0x64, "bitcode_size at 0x64");
_Static_assert(offsetof(llbc_header_t, version) == 0x68, "version at 0x68");
_Static_assert(offsetof(llbc_header_t, opt_level) == 0x6C, "opt_level at 0x6C");
_Static_assert(offsetof(llbc_header_t, crc) == 0x70, "crc at 0x70");
_Static_assert(offsetof(llbc_header_t, flags) == 0x74, "flags at 0x74");
_Static_assert(offsetof(llbc_header_t, reserved) == 0x78, "reserved at 0x78");
_Static_assert(LLBC_BITCODE_OFFSET == sizeof(llbc_header_t), "bitcode right after the header");

/* The bitcode of a module loaded at `module` (for the 128-byte layout). */
static inline const uint8_t *llbc_bitcode(const llbc_header_t *module) {
  return (const uint8_t *)module + LLBC_BITCODE_OFFSET;
}

#endif /* LLBC_H */
