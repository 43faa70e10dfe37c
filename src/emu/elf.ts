/**
 * Loading static i386 ELF executables (ET_EXEC) into a Memory.
 *
 * Reads the ELF header and program headers (System V ABI, "Object Files" chapter; i386
 * supplement), checks that the file is a 32-bit little-endian i386 executable that needs no
 * interpreter, and maps each PT_LOAD segment with its permissions (pages shared by two segments
 * get the union), copying p_filesz bytes; the rest up to p_memsz (bss) stays zero. Anything
 * wrong with the file is an InputError naming the byte offset of the offending field.
 */
import { InputError } from "../errors.js";
import { EXECUTE, type Memory, PAGE_SIZE, READ, WRITE } from "./memory.js";

export interface ElfImage {
  entry: number;
  /** Address of the program headers in memory (for AT_PHDR), 0 if not loaded. */
  programHeaderAddress: number;
  programHeaderCount: number;
  /** First address past the highest loaded segment. */
  end: number;
  segments: LoadSegment[];
}

export interface LoadSegment {
  address: number;
  fileOffset: number;
  fileSize: number;
  memorySize: number;
  permissions: number;
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const ET_EXEC = 2;
const ET_DYN = 3;
const EM_386 = 3;
const HEADER_SIZE = 52;
const PROGRAM_HEADER_SIZE = 32;

/** Parses and checks the headers of `image`; `file` names it in errors. */
export function parseElf(image: Uint8Array, file: string): ElfImage {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  checkIdentification(image, file);
  if (image.length < HEADER_SIZE) throw new InputError(file, `ELF header truncated: ${image.length} bytes, need 52`, image.length);
  const type = view.getUint16(16, true);
  if (type === ET_DYN) throw new InputError(file, "ET_DYN (position-independent) ELF is not supported; link with -static -no-pie", 16);
  if (type !== ET_EXEC) throw new InputError(file, `ELF type ${type} is not an executable (ET_EXEC)`, 16);
  const machine = view.getUint16(18, true);
  if (machine !== EM_386) throw new InputError(file, `ELF machine ${machine} is not i386 (3)`, 18);
  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  const phnum = view.getUint16(44, true);
  if (phnum > 0 && phentsize !== PROGRAM_HEADER_SIZE) throw new InputError(file, `program header size ${phentsize} is not 32`, 42);
  if (phoff + phnum * PROGRAM_HEADER_SIZE > image.length) {
    throw new InputError(file, `program headers (${phnum} at 0x${phoff.toString(16)}) run past the end of the file`, 28);
  }
  const segments = readSegments(view, file, phoff, phnum);
  if (segments.length === 0) throw new InputError(file, "no PT_LOAD segment", 44);
  const entry = view.getUint32(24, true);
  const headers = segments.find((s) => phoff >= s.fileOffset && phoff + phnum * 32 <= s.fileOffset + s.fileSize);
  return {
    entry,
    programHeaderAddress: headers === undefined ? 0 : (headers.address + phoff - headers.fileOffset) >>> 0,
    programHeaderCount: phnum,
    end: Math.max(...segments.map((s) => s.address + s.memorySize)),
    segments,
  };
}

function checkIdentification(image: Uint8Array, file: string): void {
  if (image.length < 16) throw new InputError(file, `not an ELF file: ${image.length} bytes`, 0);
  if (image[0] !== 0x7f || image[1] !== 0x45 || image[2] !== 0x4c || image[3] !== 0x46) {
    throw new InputError(file, "not an ELF file (bad magic)", 0);
  }
  if (image[4] === 2) throw new InputError(file, "64-bit ELF is not supported (need i386, ELFCLASS32)", 4);
  if (image[4] !== 1) throw new InputError(file, `bad ELF class ${image[4]}`, 4);
  if (image[5] !== 1) throw new InputError(file, "big-endian ELF is not supported", 5);
}

function readSegments(view: DataView, file: string, phoff: number, phnum: number): LoadSegment[] {
  const segments: LoadSegment[] = [];
  for (let k = 0; k < phnum; k++) {
    const at = phoff + k * PROGRAM_HEADER_SIZE;
    const type = view.getUint32(at, true);
    if (type === PT_INTERP || type === PT_DYNAMIC) {
      throw new InputError(file, "dynamically linked ELF is not supported; link with -static", at);
    }
    if (type !== PT_LOAD) continue;
    const segment: LoadSegment = {
      fileOffset: view.getUint32(at + 4, true),
      address: view.getUint32(at + 8, true),
      fileSize: view.getUint32(at + 16, true),
      memorySize: view.getUint32(at + 20, true),
      permissions: permissionsOf(view.getUint32(at + 24, true)),
    };
    if (segment.fileOffset + segment.fileSize > view.byteLength) {
      throw new InputError(file, `segment ${k} data runs past the end of the file (truncated?)`, at + 4);
    }
    if (segment.fileSize > segment.memorySize) throw new InputError(file, `segment ${k} file size exceeds memory size`, at + 16);
    if (segment.address + segment.memorySize > 0xc0000000) {
      throw new InputError(file, `segment ${k} at 0x${segment.address.toString(16)} overlaps the stack area`, at + 8);
    }
    segments.push(segment);
  }
  return segments;
}

/** p_flags PF_X=1, PF_W=2, PF_R=4 to Memory permissions. */
function permissionsOf(flags: number): number {
  return (flags & 4 ? READ : 0) | (flags & 2 ? WRITE : 0) | (flags & 1 ? EXECUTE : 0);
}

/** Maps and fills the PT_LOAD segments of a parsed image. */
export function loadElf(memory: Memory, image: Uint8Array, elf: ElfImage): void {
  for (const segment of elf.segments) {
    const first = Math.floor(segment.address / PAGE_SIZE) * PAGE_SIZE;
    for (let page = first; page < segment.address + segment.memorySize; page += PAGE_SIZE) {
      if (memory.isMapped(page)) memory.protect(page, PAGE_SIZE, memory.permissions(page) | segment.permissions);
      else memory.map(page, PAGE_SIZE, segment.permissions);
    }
    memory.load(segment.address, image.subarray(segment.fileOffset, segment.fileOffset + segment.fileSize));
  }
}
