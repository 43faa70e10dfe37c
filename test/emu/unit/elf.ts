/**
 * Building tiny static i386 ELF executables in tests: an ELF header, one PT_LOAD program header
 * (read + execute, or as given) covering the whole file at 0x08048000, then the code.
 */
export const LOAD_ADDRESS = 0x08048000;
export const ENTRY = LOAD_ADDRESS + 52 + 32;

export interface ElfOptions {
  /** Extra zero-filled memory after the file (bss). */
  bss?: number;
  /** p_flags (PF_R=4, PF_W=2, PF_X=1); default 7. */
  flags?: number;
}

export function makeElf(code: number[], options: ElfOptions = {}): Uint8Array {
  const size = 52 + 32 + code.length;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  view.setUint16(16, 2, true); // ET_EXEC
  view.setUint16(18, 3, true); // EM_386
  view.setUint32(20, 1, true);
  view.setUint32(24, ENTRY, true);
  view.setUint32(28, 52, true); // e_phoff
  view.setUint16(40, 52, true);
  view.setUint16(42, 32, true);
  view.setUint16(44, 1, true);
  const ph = 52;
  view.setUint32(ph, 1, true); // PT_LOAD
  view.setUint32(ph + 4, 0, true);
  view.setUint32(ph + 8, LOAD_ADDRESS, true);
  view.setUint32(ph + 12, LOAD_ADDRESS, true);
  view.setUint32(ph + 16, size, true);
  view.setUint32(ph + 20, size + (options.bss ?? 0), true);
  view.setUint32(ph + 24, options.flags ?? 7, true);
  view.setUint32(ph + 28, 0x1000, true);
  bytes.set(code, 52 + 32);
  return bytes;
}

export const le32 = (value: number) => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];

/** mov eax,1; int 0x80 (exit with EBX). */
export const EXIT = [0xb8, 1, 0, 0, 0, 0xcd, 0x80];

/** write(1, "hi\n", 3); exit(7). */
export const HELLO = [
  0xb8, 4, 0, 0, 0, 0xbb, 1, 0, 0, 0, 0xb9, ...le32(ENTRY + 34), 0xba, 3, 0, 0, 0, 0xcd, 0x80,
  0xb8, 1, 0, 0, 0, 0xbb, 7, 0, 0, 0, 0xcd, 0x80, 0x68, 0x69, 0x0a,
];
