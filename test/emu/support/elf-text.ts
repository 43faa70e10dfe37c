/**
 * The executable sections of a 32-bit ELF file (address and bytes), from its section headers
 * (ELF gABI: e_shoff 0x20, e_shentsize 0x2e, e_shnum 0x30; sh_flags SHF_EXECINSTR = 4). Used to
 * walk every instruction of the test binaries linearly.
 */
import { readFileSync } from "node:fs";

export interface CodeSection {
  address: number;
  bytes: Uint8Array;
}

const SHF_EXECINSTR = 0x4;
const SHT_PROGBITS = 1;

export function executableSections(program: string): CodeSection[] {
  const file = readFileSync(program);
  const sectionOffset = file.readUInt32LE(0x20);
  const entrySize = file.readUInt16LE(0x2e);
  const count = file.readUInt16LE(0x30);
  const sections: CodeSection[] = [];
  for (let index = 0; index < count; index++) {
    const header = sectionOffset + index * entrySize;
    const [type, flags, address, offset, size] = [4, 8, 12, 16, 20].map((field) => file.readUInt32LE(header + field)) as number[];
    if (type === SHT_PROGBITS && ((flags as number) & SHF_EXECINSTR) !== 0) {
      sections.push({ address: address as number, bytes: new Uint8Array(file.subarray(offset, (offset as number) + (size as number))) });
    }
  }
  return sections;
}
