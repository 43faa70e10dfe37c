/**
 * Hand-assembled instruction cases with results and flags worked out from the Intel SDM (vol. 2,
 * each instruction's Operation and Flags Affected). `defined` lists the flags the manual defines
 * for the case; only those are compared. Used by instructions.test.ts (semantics) and
 * decoder.test.ts (every byte sequence against iced-x86).
 */
import { DATA, type RegisterName, STACK_TOP } from "./helpers.js";

export interface InstructionCase {
  name: string;
  code: number[];
  registers?: Partial<Record<RegisterName, number>>;
  flags?: string;
  data?: number[];
  expect: Partial<Record<RegisterName, number>>;
  /** Expected status flags (among `defined`). */
  expectFlags?: string;
  defined?: string;
  /** Expected bytes at DATA after the run. */
  expectData?: number[];
}

export const ALL = "CF PF AF ZF SF OF";
const le32 = (value: number) => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];

export const ARITHMETIC: InstructionCase[] = [
  { name: "add eax,ebx: signed overflow", code: [0x01, 0xd8], registers: { eax: 0x7fffffff, ebx: 1 }, expect: { eax: 0x80000000 }, expectFlags: "PF AF SF OF" },
  { name: "add eax,ebx: carry to zero", code: [0x01, 0xd8], registers: { eax: 0xffffffff, ebx: 1 }, expect: { eax: 0 }, expectFlags: "CF PF AF ZF" },
  { name: "sub eax,ebx: borrow", code: [0x29, 0xd8], registers: { eax: 0, ebx: 1 }, expect: { eax: 0xffffffff }, expectFlags: "CF PF AF SF" },
  { name: "sub eax,ebx: signed overflow", code: [0x29, 0xd8], registers: { eax: 0x80000000, ebx: 1 }, expect: { eax: 0x7fffffff }, expectFlags: "PF AF OF" },
  { name: "cmp eax,ebx: equal, no write", code: [0x39, 0xd8], registers: { eax: 5, ebx: 5 }, expect: { eax: 5 }, expectFlags: "PF ZF" },
  { name: "adc eax,ebx with CF", code: [0x11, 0xd8], registers: { eax: 0xffffffff, ebx: 0 }, flags: "CF", expect: { eax: 0 }, expectFlags: "CF PF AF ZF" },
  { name: "sbb eax,ebx with CF", code: [0x19, 0xd8], registers: { eax: 0, ebx: 0 }, flags: "CF", expect: { eax: 0xffffffff }, expectFlags: "CF PF AF SF" },
  { name: "and eax,imm32", code: [0x25, 0x00, 0x00, 0xf0, 0x0f], registers: { eax: 0xf0f0f0f0 }, expect: { eax: 0x00f00000 }, expectFlags: "PF", defined: "CF PF ZF SF OF" },
  { name: "or al,0x80", code: [0x0c, 0x80], registers: { eax: 0x12345601 }, expect: { eax: 0x12345681 }, expectFlags: "PF SF", defined: "CF PF ZF SF OF" },
  { name: "xor eax,eax", code: [0x31, 0xc0], registers: { eax: 0x1234 }, flags: "CF OF", expect: { eax: 0 }, expectFlags: "PF ZF", defined: "CF PF ZF SF OF" },
  { name: "add al,bl: byte carry", code: [0x00, 0xd8], registers: { eax: 0x000000ff, ebx: 1 }, expect: { eax: 0 }, expectFlags: "CF PF AF ZF" },
  { name: "add ah,ch: high byte registers", code: [0x00, 0xec], registers: { eax: 0x7f00, ecx: 0x100 }, expect: { eax: 0x8000, ecx: 0x100 }, expectFlags: "AF SF OF" },
  { name: "add ax,bx: 16-bit keeps the upper half", code: [0x66, 0x01, 0xd8], registers: { eax: 0x1234ffff, ebx: 1 }, expect: { eax: 0x12340000 }, expectFlags: "CF PF AF ZF" },
  { name: "add ecx,-1 (83 /0 sign-extended)", code: [0x83, 0xc1, 0xff], registers: { ecx: 1 }, expect: { ecx: 0 }, expectFlags: "CF PF AF ZF" },
  { name: "sub word [DATA],1 (66 83 /5)", code: [0x66, 0x83, 0x2d, ...le32(DATA), 0x01], data: [0x00, 0x80], expect: {}, expectData: [0xff, 0x7f], expectFlags: "PF AF OF" },
  { name: "add byte [DATA],ah", code: [0x00, 0x25, ...le32(DATA)], registers: { eax: 0x0100 }, data: [0xff], expect: { eax: 0x100 }, expectData: [0], expectFlags: "CF PF AF ZF" },
  { name: "sub bh,[DATA]", code: [0x2a, 0x3d, ...le32(DATA)], registers: { ebx: 0x1000 }, data: [0x20], expect: { ebx: 0xf000 }, expectFlags: "CF PF SF" },
  { name: "cmp byte [DATA],0x80", code: [0x80, 0x3d, ...le32(DATA), 0x80], data: [0x7f], expect: {}, expectData: [0x7f], expectFlags: "CF PF SF OF" },
  { name: "inc eax keeps CF", code: [0x40], registers: { eax: 0x7fffffff }, flags: "CF", expect: { eax: 0x80000000 }, expectFlags: "CF PF AF SF OF" },
  { name: "dec ecx to zero", code: [0x49], registers: { ecx: 1 }, expect: { ecx: 0 }, expectFlags: "PF ZF" },
  { name: "neg eax", code: [0xf7, 0xd8], registers: { eax: 1 }, expect: { eax: 0xffffffff }, expectFlags: "CF PF AF SF" },
  { name: "neg eax of zero", code: [0xf7, 0xd8], registers: { eax: 0 }, flags: "CF", expect: { eax: 0 }, expectFlags: "PF ZF" },
  { name: "not eax leaves flags", code: [0xf7, 0xd0], registers: { eax: 0x0f0f0f0f }, flags: "CF ZF", expect: { eax: 0xf0f0f0f0 }, expectFlags: "CF ZF" },
  { name: "test eax,ebx", code: [0x85, 0xd8], registers: { eax: 0x80, ebx: 0x80 }, flags: "CF", expect: { eax: 0x80 }, expectFlags: "", defined: "CF PF ZF SF OF" },
  { name: "xadd eax,ebx", code: [0x0f, 0xc1, 0xd8], registers: { eax: 5, ebx: 7 }, expect: { eax: 12, ebx: 5 }, expectFlags: "PF" },
  {
    name: "cmpxchg [DATA],ecx: equal", code: [0x0f, 0xb1, 0x0d, ...le32(DATA)], registers: { eax: 0x11, ecx: 0x22 }, data: [0x11, 0, 0, 0],
    expect: { eax: 0x11 }, expectData: [0x22, 0, 0, 0], expectFlags: "PF ZF",
  },
  {
    name: "cmpxchg [DATA],ecx: different", code: [0x0f, 0xb1, 0x0d, ...le32(DATA)], registers: { eax: 0x11, ecx: 0x22 }, data: [0x33, 0, 0, 0],
    expect: { eax: 0x33 }, expectData: [0x33, 0, 0, 0], expectFlags: "CF PF AF SF",
  },
  {
    name: "cmpxchg8b [DATA]: equal", code: [0x0f, 0xc7, 0x0d, ...le32(DATA)], registers: { eax: 1, edx: 2, ebx: 3, ecx: 4 },
    data: [1, 0, 0, 0, 2, 0, 0, 0], expect: { eax: 1, edx: 2 }, expectData: [3, 0, 0, 0, 4, 0, 0, 0], expectFlags: "ZF", defined: "ZF",
  },
  {
    name: "cmpxchg8b [DATA]: different", code: [0xf0, 0x0f, 0xc7, 0x0d, ...le32(DATA)], registers: { eax: 1, edx: 2, ebx: 3, ecx: 4 },
    data: [1, 0, 0, 0, 9, 0, 0, 0], flags: "ZF", expect: { eax: 1, edx: 9 }, expectData: [1, 0, 0, 0, 9, 0, 0, 0], expectFlags: "", defined: "ZF",
  },
];

export const SHIFTS: InstructionCase[] = [
  { name: "shl eax,1", code: [0xd1, 0xe0], registers: { eax: 0x80000001 }, expect: { eax: 2 }, expectFlags: "CF OF", defined: "CF PF ZF SF OF" },
  { name: "shl eax,cl with cl=0 changes nothing", code: [0xd3, 0xe0], registers: { eax: 5, ecx: 0 }, flags: "CF ZF", expect: { eax: 5 }, expectFlags: "CF ZF" },
  { name: "shl eax,cl with cl=33 is a shift by 1", code: [0xd3, 0xe0], registers: { eax: 0x40000000, ecx: 33 }, expect: { eax: 0x80000000 }, expectFlags: "PF SF OF", defined: "CF PF ZF SF OF" },
  { name: "shr eax,4", code: [0xc1, 0xe8, 0x04], registers: { eax: 0x80000018 }, expect: { eax: 0x08000001 }, expectFlags: "CF", defined: "CF PF ZF SF" },
  { name: "shr eax,1: OF is the old MSB", code: [0xd1, 0xe8], registers: { eax: 0x80000000 }, expect: { eax: 0x40000000 }, expectFlags: "PF OF", defined: "CF PF ZF SF OF" },
  { name: "sar eax,1", code: [0xd1, 0xf8], registers: { eax: 0x80000001 }, expect: { eax: 0xc0000000 }, expectFlags: "CF PF SF", defined: "CF PF ZF SF OF" },
  { name: "sar eax,31", code: [0xc1, 0xf8, 0x1f], registers: { eax: 0x80000000 }, expect: { eax: 0xffffffff }, expectFlags: "PF SF", defined: "CF PF ZF SF" },
  { name: "shl al,cl with cl=9 shifts everything out", code: [0xd2, 0xe0], registers: { eax: 0x1ff, ecx: 9 }, expect: { eax: 0x100 }, expectFlags: "PF ZF", defined: "PF ZF SF" },
  { name: "rol eax,1 changes only CF and OF", code: [0xd1, 0xc0], registers: { eax: 0x80000000 }, flags: "ZF", expect: { eax: 1 }, expectFlags: "CF ZF OF" },
  { name: "ror eax,1", code: [0xd1, 0xc8], registers: { eax: 1 }, expect: { eax: 0x80000000 }, expectFlags: "CF OF" },
  { name: "rol al,8: CF from the unchanged value", code: [0xc0, 0xc0, 0x08], registers: { eax: 0x81 }, expect: { eax: 0x81 }, expectFlags: "CF", defined: "CF" },
  { name: "rcl eax,1 through CF", code: [0xd1, 0xd0], registers: { eax: 0x80000000 }, flags: "CF", expect: { eax: 1 }, expectFlags: "CF OF" },
  { name: "rcr eax,1 through CF", code: [0xd1, 0xd8], registers: { eax: 1 }, expect: { eax: 0 }, expectFlags: "CF" },
  { name: "rcl al,cl with cl=9 (mod 9 = 0) changes nothing", code: [0xd2, 0xd0], registers: { eax: 0x55, ecx: 9 }, flags: "CF", expect: { eax: 0x55 }, expectFlags: "CF" },
  { name: "rcr al,1 with CF", code: [0xd0, 0xd8], registers: { eax: 2 }, flags: "CF", expect: { eax: 0x81 }, expectFlags: "OF" },
  { name: "shld eax,ebx,4", code: [0x0f, 0xa4, 0xd8, 0x04], registers: { eax: 0x12345678, ebx: 0x9abcdef0 }, expect: { eax: 0x23456789 }, expectFlags: "CF", defined: "CF PF ZF SF" },
  { name: "shrd eax,ebx,8", code: [0x0f, 0xac, 0xd8, 0x08], registers: { eax: 0x12345678, ebx: 0x9abcdef0 }, expect: { eax: 0xf0123456 }, expectFlags: "PF SF", defined: "CF PF ZF SF" },
  { name: "shrd eax,ebx,cl with cl=0", code: [0x0f, 0xad, 0xd8], registers: { eax: 7, ebx: 1, ecx: 0 }, flags: "OF", expect: { eax: 7 }, expectFlags: "OF" },
];

export const MULTIPLY_DIVIDE: InstructionCase[] = [
  { name: "mul ebx: high half", code: [0xf7, 0xe3], registers: { eax: 0x80000000, ebx: 4 }, expect: { eax: 0, edx: 2 }, expectFlags: "CF OF", defined: "CF OF" },
  { name: "mul ebx: small", code: [0xf7, 0xe3], registers: { eax: 3, ebx: 5, edx: 9 }, expect: { eax: 15, edx: 0 }, expectFlags: "", defined: "CF OF" },
  { name: "mul ebx: 0xffffffff squared", code: [0xf7, 0xe3], registers: { eax: 0xffffffff, ebx: 0xffffffff }, expect: { eax: 1, edx: 0xfffffffe }, expectFlags: "CF OF", defined: "CF OF" },
  { name: "mul bl", code: [0xf6, 0xe3], registers: { eax: 0x12345610, ebx: 0x10 }, expect: { eax: 0x12340100 }, expectFlags: "CF OF", defined: "CF OF" },
  { name: "imul ebx (one operand)", code: [0xf7, 0xeb], registers: { eax: 0xfffffffe, ebx: 3 }, expect: { eax: 0xfffffffa, edx: 0xffffffff }, expectFlags: "", defined: "CF OF" },
  { name: "imul eax,ebx,0x10 overflows", code: [0x6b, 0xc3, 0x10], registers: { ebx: 0x10000000 }, expect: { eax: 0 }, expectFlags: "CF OF", defined: "CF OF" },
  { name: "imul ecx,ebx", code: [0x0f, 0xaf, 0xcb], registers: { ecx: -7, ebx: 6 }, expect: { ecx: 0xffffffd6 }, expectFlags: "", defined: "CF OF" },
  { name: "imul eax,ebx,256 to 2^31 overflows", code: [0x69, 0xc3, 0x00, 0x01, 0x00, 0x00], registers: { ebx: 0x800000 }, expect: { eax: 0x80000000 }, expectFlags: "CF OF", defined: "CF OF" },
  { name: "imul eax,[DATA],-3", code: [0x6b, 0x05, ...le32(DATA), 0xfd], data: [7, 0, 0, 0], expect: { eax: 0xffffffeb }, expectFlags: "", defined: "CF OF" },
  { name: "imul ecx,[DATA] overflows", code: [0x0f, 0xaf, 0x0d, ...le32(DATA)], registers: { ecx: 0x10000 }, data: [0, 0, 1, 0], expect: { ecx: 0 }, expectFlags: "CF OF", defined: "CF OF" },
  { name: "div ebx: 64-bit dividend", code: [0xf7, 0xf3], registers: { edx: 1, eax: 0, ebx: 2 }, expect: { eax: 0x80000000, edx: 0 }, defined: "" },
  { name: "div ebx: large dividend", code: [0xf7, 0xf3], registers: { edx: 0xfffffffe, eax: 0xffffffff, ebx: 0xffffffff }, expect: { eax: 0xffffffff, edx: 0xfffffffe }, defined: "" },
  { name: "idiv ebx: negative, truncating", code: [0xf7, 0xfb], registers: { edx: 0xffffffff, eax: 0xfffffff9, ebx: 2 }, expect: { eax: 0xfffffffd, edx: 0xffffffff }, defined: "" },
  { name: "idiv ebx: 64-bit dividend", code: [0xf7, 0xfb], registers: { edx: 0xfffffff0, eax: 0, ebx: 0xffffff00 }, expect: { eax: 0x10000000, edx: 0 }, defined: "" },
  { name: "div bl", code: [0xf6, 0xf3], registers: { eax: 0x0107, ebx: 0x10 }, expect: { eax: 0x0710 }, defined: "" },
  { name: "idiv bl", code: [0xf6, 0xfb], registers: { eax: 0xfff9, ebx: 2 }, expect: { eax: 0xfffd }, defined: "" },
  { name: "div bx", code: [0x66, 0xf7, 0xf3], registers: { edx: 0x0001, eax: 0x0005, ebx: 0x10 }, expect: { eax: 0x1000, edx: 5 }, defined: "" },
];

export const MOVES: InstructionCase[] = [
  { name: "cbw", code: [0x66, 0x98], registers: { eax: 0x12345680 }, expect: { eax: 0x1234ff80 } },
  { name: "cwde", code: [0x98], registers: { eax: 0x8000 }, expect: { eax: 0xffff8000 } },
  { name: "cwd", code: [0x66, 0x99], registers: { eax: 0x8000, edx: 0x12345678 }, expect: { edx: 0x1234ffff } },
  { name: "cdq", code: [0x99], registers: { eax: 0x80000000 }, expect: { edx: 0xffffffff } },
  { name: "movzx eax,bl", code: [0x0f, 0xb6, 0xc3], registers: { ebx: 0x1ff }, expect: { eax: 0xff } },
  { name: "movsx eax,bx", code: [0x0f, 0xbf, 0xc3], registers: { ebx: 0x8001 }, expect: { eax: 0xffff8001 } },
  { name: "movsx ax,bl", code: [0x66, 0x0f, 0xbe, 0xc3], registers: { eax: 0x12345678, ebx: 0x80 }, expect: { eax: 0x1234ff80 } },
  { name: "lea eax,[ebx+ecx*4+0x10]", code: [0x8d, 0x44, 0x8b, 0x10], registers: { ebx: 0x1000, ecx: 3 }, expect: { eax: 0x101c } },
  { name: "lea eax,[ecx*8+0]", code: [0x8d, 0x04, 0xcd, 0, 0, 0, 0], registers: { ecx: 2 }, expect: { eax: 16 } },
  { name: "mov ah,0x12", code: [0xb4, 0x12], registers: { eax: 0xffff00ff }, expect: { eax: 0xffff12ff } },
  { name: "mov eax,[moffs]", code: [0xa1, ...le32(DATA)], data: [1, 2, 3, 4], expect: { eax: 0x04030201 } },
  { name: "mov [moffs],al", code: [0xa2, ...le32(DATA + 2)], registers: { eax: 0x99 }, expect: {}, expectData: [0, 0, 0x99, 0] },
  { name: "mov byte [ebx+4],0x7f", code: [0xc6, 0x43, 0x04, 0x7f], registers: { ebx: DATA - 2 }, expect: {}, expectData: [0, 0, 0x7f] },
  { name: "mov word [DATA],0x1234", code: [0x66, 0xc7, 0x05, ...le32(DATA), 0x34, 0x12], expect: {}, expectData: [0x34, 0x12, 0] },
  { name: "movzx eax,byte [DATA]", code: [0x0f, 0xb6, 0x05, ...le32(DATA)], registers: { eax: -1 }, data: [0xf0], expect: { eax: 0xf0 } },
  { name: "movzx edx,word [DATA]", code: [0x0f, 0xb7, 0x15, ...le32(DATA)], data: [0xff, 0xff], expect: { edx: 0xffff } },
  { name: "movsx ecx,byte [DATA]", code: [0x0f, 0xbe, 0x0d, ...le32(DATA)], data: [0x80], expect: { ecx: 0xffffff80 } },
  { name: "movsx eax,word [DATA]", code: [0x0f, 0xbf, 0x05, ...le32(DATA)], data: [0x00, 0x80], expect: { eax: 0xffff8000 } },
  { name: "mov [DATA],ah", code: [0x88, 0x25, ...le32(DATA)], registers: { eax: 0x1234 }, expect: {}, expectData: [0x12, 0] },
  { name: "mov ch,[DATA]", code: [0x8a, 0x2d, ...le32(DATA)], registers: { ecx: 0xffff00ff }, data: [0xab], expect: { ecx: 0xffffabff } },
  { name: "xchg eax,ecx", code: [0x91], registers: { eax: 1, ecx: 2 }, expect: { eax: 2, ecx: 1 } },
  { name: "xchg [DATA],bl", code: [0x86, 0x1d, ...le32(DATA)], registers: { ebx: 0x42 }, data: [0x17], expect: { ebx: 0x17 }, expectData: [0x42] },
  { name: "bswap eax", code: [0x0f, 0xc8], registers: { eax: 0x12345678 }, expect: { eax: 0x78563412 } },
  { name: "push imm32; pop ebx", code: [0x68, 0x78, 0x56, 0x34, 0x12, 0x5b], expect: { ebx: 0x12345678, esp: STACK_TOP } },
  { name: "push imm8 sign-extended", code: [0x6a, 0xff, 0x58], expect: { eax: 0xffffffff, esp: STACK_TOP } },
  { name: "push ax; pop bx (16-bit)", code: [0x66, 0x50, 0x66, 0x5b], registers: { eax: 0xabcd, ebx: 0x11110000 }, expect: { ebx: 0x1111abcd, esp: STACK_TOP } },
  { name: "push esp pushes the old value", code: [0x54, 0x58], expect: { eax: STACK_TOP, esp: STACK_TOP } },
  { name: "pop [esp]: address after the increment", code: [0x6a, 0x05, 0x6a, 0x07, 0x8f, 0x04, 0x24, 0x58], expect: { eax: 7, esp: STACK_TOP } },
  { name: "pushad; popad", code: [0x60, 0x61], registers: { eax: 1, ecx: 2, edx: 3, ebx: 4, ebp: 5, esi: 6, edi: 7 }, expect: { eax: 1, ecx: 2, edx: 3, ebx: 4, esp: STACK_TOP, ebp: 5, esi: 6, edi: 7 } },
  { name: "stc; pushfd; pop eax", code: [0xf9, 0x9c, 0x58], expect: { eax: 0x203 } },
  { name: "popfd sets the status flags", code: [0x68, 0xd5, 0x08, 0, 0, 0x9d], expect: { esp: STACK_TOP }, expectFlags: "CF PF AF ZF SF OF" },
  { name: "stc; lahf", code: [0xf9, 0x9f], registers: { eax: 0 }, expect: { eax: 0x0300 } },
  { name: "sahf", code: [0x9e], registers: { eax: 0xd500 }, expect: {}, expectFlags: "CF PF AF ZF SF" },
  { name: "stc; cmc", code: [0xf9, 0xf5], expect: {}, expectFlags: "" },
  { name: "xlat", code: [0xd7], registers: { ebx: DATA, eax: 2 }, data: [10, 20, 30], expect: { eax: 30 } },
  { name: "nops change nothing", code: [0x90, 0x66, 0x90, 0x0f, 0x1f, 0x44, 0x00, 0x00, 0xf3, 0x90], registers: { eax: 3 }, flags: "CF", expect: { eax: 3 }, expectFlags: "CF" },
];

export const BITS_AND_CONDITIONS: InstructionCase[] = [
  { name: "bsf eax,ebx", code: [0x0f, 0xbc, 0xc3], registers: { ebx: 0x00f00000 }, expect: { eax: 20 }, expectFlags: "", defined: "ZF" },
  { name: "bsf of zero keeps the destination", code: [0x0f, 0xbc, 0xc3], registers: { eax: 0x1234, ebx: 0 }, expect: { eax: 0x1234 }, expectFlags: "ZF", defined: "ZF" },
  { name: "bsr eax,ebx", code: [0x0f, 0xbd, 0xc3], registers: { ebx: 0x00f00000 }, expect: { eax: 23 }, expectFlags: "", defined: "ZF" },
  { name: "tzcnt eax,ebx of zero", code: [0xf3, 0x0f, 0xbc, 0xc3], registers: { ebx: 0 }, expect: { eax: 32 }, expectFlags: "CF", defined: "CF ZF" },
  { name: "lzcnt eax,ebx", code: [0xf3, 0x0f, 0xbd, 0xc3], registers: { ebx: 1 }, expect: { eax: 31 }, expectFlags: "", defined: "CF ZF" },
  { name: "popcnt eax,ebx", code: [0xf3, 0x0f, 0xb8, 0xc3], registers: { ebx: 0xf0f0 }, expect: { eax: 8 }, expectFlags: "" },
  { name: "bt eax,5", code: [0x0f, 0xba, 0xe0, 0x05], registers: { eax: 0x20 }, expect: { eax: 0x20 }, expectFlags: "CF", defined: "CF" },
  { name: "bt eax,37 (immediate modulo 32)", code: [0x0f, 0xba, 0xe0, 0x25], registers: { eax: 0x20 }, expect: {}, expectFlags: "CF", defined: "CF" },
  { name: "bts [DATA],ecx: offset 35 reaches the next dword", code: [0x0f, 0xab, 0x0d, ...le32(DATA)], registers: { ecx: 35 }, expect: {}, expectData: [0, 0, 0, 0, 0x08], expectFlags: "", defined: "CF" },
  { name: "btr [ebx],ecx: negative offset", code: [0x0f, 0xb3, 0x0b], registers: { ebx: DATA + 8, ecx: -1 }, data: [0, 0, 0, 0, 0, 0, 0, 0x80], expect: {}, expectData: [0, 0, 0, 0, 0, 0, 0, 0], expectFlags: "CF", defined: "CF" },
  { name: "btc ax,3", code: [0x66, 0x0f, 0xba, 0xf8, 0x03], registers: { eax: 0xffff0008 }, expect: { eax: 0xffff0000 }, expectFlags: "CF", defined: "CF" },
  { name: "cmp; sete al", code: [0x39, 0xd8, 0x0f, 0x94, 0xc0], registers: { eax: 5, ebx: 5 }, expect: { eax: 1 } },
  { name: "cmp; setl cl (signed)", code: [0x39, 0xd8, 0x0f, 0x9c, 0xc1], registers: { eax: -1, ebx: 1 }, expect: { ecx: 1 } },
  { name: "cmp; setb cl (unsigned)", code: [0x39, 0xd8, 0x0f, 0x92, 0xc1], registers: { eax: -1, ebx: 1 }, expect: { ecx: 0 } },
  { name: "cmp; setg dh", code: [0x39, 0xd8, 0x0f, 0x9f, 0xc6], registers: { eax: 2, ebx: 1 }, expect: { edx: 0x100 } },
  { name: "cmp; cmovb ecx,edx", code: [0x39, 0xd8, 0x0f, 0x42, 0xca], registers: { eax: 1, ebx: 2, edx: 9 }, expect: { ecx: 9 } },
  { name: "cmp; cmovge ecx,edx (not taken)", code: [0x39, 0xd8, 0x0f, 0x4d, 0xca], registers: { eax: 1, ebx: 2, edx: 9 }, expect: { ecx: 0 } },
  { name: "cmp; je skips", code: [0x39, 0xd8, 0x74, 0x05, 0xb9, 0x01, 0, 0, 0], registers: { eax: 4, ebx: 4 }, expect: { ecx: 0 } },
  { name: "cmp; jne (near) falls through", code: [0x39, 0xd8, 0x0f, 0x85, 0x05, 0, 0, 0, 0xb9, 0x01, 0, 0, 0], registers: { eax: 4, ebx: 4 }, expect: { ecx: 1 } },
  { name: "jp after an even-parity result", code: [0x31, 0xc0, 0x7a, 0x01, 0x40], expect: { eax: 0 } },
  { name: "loop counts ECX down", code: [0xb9, 0x05, 0, 0, 0, 0x40, 0xe2, 0xfd], expect: { eax: 5, ecx: 0 } },
  { name: "jecxz taken", code: [0xe3, 0x01, 0x40], registers: { ecx: 0 }, expect: { eax: 0 } },
];

export const CONTROL: InstructionCase[] = [
  { name: "call rel32; ret", code: [0xe8, 0x01, 0, 0, 0, 0xf4, 0xb8, 0x2a, 0, 0, 0, 0xc3], expect: { eax: 42, esp: STACK_TOP } },
  { name: "push; call; ret 4", code: [0x6a, 0x07, 0xe8, 0x01, 0, 0, 0, 0xf4, 0xc2, 0x04, 0x00], expect: { esp: STACK_TOP } },
  { name: "call eax (FF /2)", code: [0xe8, 0, 0, 0, 0, 0x58, 0x83, 0xc0, 0x07, 0xff, 0xd0, 0xf4, 0xf4, 0xc3], expect: { esp: STACK_TOP - 4 } },
  { name: "call [DATA] (FF /2)", code: [0xff, 0x15, ...le32(DATA), 0xf4, 0xb8, 0x2a, 0, 0, 0, 0xc3], data: le32(0x1007), expect: { eax: 42, esp: STACK_TOP } },
  { name: "jmp [DATA] (FF /4)", code: [0xff, 0x25, ...le32(DATA), 0xf4, 0x41], data: le32(0x1007), expect: { ecx: 1 } },
  { name: "jmp eax (FF /4)", code: [0xb8, ...le32(0x1009), 0xff, 0xe0, 0xf4, 0xf4, 0x41], expect: { ecx: 1 } },
  { name: "enter 16,0; leave", code: [0xc8, 0x10, 0x00, 0x00, 0xc9], registers: { ebp: 0x1111 }, expect: { esp: STACK_TOP, ebp: 0x1111 } },
  { name: "enter 8,1", code: [0xc8, 0x08, 0x00, 0x01], registers: { ebp: 0x1111 }, expect: { esp: STACK_TOP - 16, ebp: STACK_TOP - 4 } },
];

export const STRINGS: InstructionCase[] = [
  {
    name: "rep movsb", code: [0xf3, 0xa4], registers: { esi: DATA, edi: DATA + 8, ecx: 5 }, data: [104, 101, 108, 108, 111],
    expect: { ecx: 0, esi: DATA + 5, edi: DATA + 13 }, expectData: [104, 101, 108, 108, 111, 0, 0, 0, 104, 101, 108, 108, 111],
  },
  { name: "rep stosd", code: [0xf3, 0xab], registers: { eax: 0x01020304, edi: DATA, ecx: 2 }, expect: { ecx: 0, edi: DATA + 8 }, expectData: [4, 3, 2, 1, 4, 3, 2, 1, 0] },
  { name: "std; rep stosb backwards", code: [0xfd, 0xf3, 0xaa], registers: { eax: 0x41, edi: DATA + 3, ecx: 4 }, expect: { edi: DATA - 1 }, expectData: [0x41, 0x41, 0x41, 0x41, 0] },
  {
    name: "repe cmpsb stops at a difference", code: [0xf3, 0xa6], registers: { esi: DATA, edi: DATA + 4, ecx: 4 }, data: [97, 98, 99, 100, 97, 98, 120, 100],
    expect: { ecx: 1, esi: DATA + 3, edi: DATA + 7 }, expectFlags: "CF PF AF SF",
  },
  { name: "repne scasb (strlen)", code: [0xf2, 0xae], registers: { eax: 0, edi: DATA, ecx: -1 }, data: [97, 98, 99, 0], expect: { ecx: 0xfffffffb, edi: DATA + 4 }, expectFlags: "PF ZF" },
  { name: "rep with ECX=0 does nothing", code: [0xf3, 0xa4], registers: { esi: DATA, edi: DATA + 8, ecx: 0 }, expect: { esi: DATA, edi: DATA + 8 } },
  { name: "lodsd", code: [0xad], registers: { esi: DATA }, data: [1, 2, 3, 4], expect: { eax: 0x04030201, esi: DATA + 4 } },
  { name: "movsw", code: [0x66, 0xa5], registers: { esi: DATA, edi: DATA + 2 }, data: [7, 8], expect: { esi: DATA + 2, edi: DATA + 4 }, expectData: [7, 8, 7, 8] },
];

/** Flags Intel leaves undefined, as this machine's AMD CPU sets them (recorded from a native run). */
export const UNDEFINED_AS_THIS_CPU: InstructionCase[] = [
  { name: "shl eax,cl (4): AF set, OF = MSB xor CF", code: [0xd3, 0xe0], registers: { eax: 0x12345678, ecx: 4 }, expect: { eax: 0x23456780 }, expectFlags: "CF AF OF" },
  { name: "shr eax,cl (4): AF set, OF from the top result bits", code: [0xd3, 0xe8], registers: { eax: 0x92345678, ecx: 4 }, expect: { eax: 0x09234567 }, expectFlags: "CF AF" },
  { name: "bsf clears the undefined flags", code: [0x0f, 0xbc, 0xc1], registers: { ecx: 0x10 }, flags: "CF PF AF ZF SF OF", expect: { eax: 4 }, expectFlags: "" },
  { name: "tzcnt keeps OF, clears SF AF PF", code: [0xf3, 0x0f, 0xbc, 0xc1], registers: { ecx: 0x10 }, flags: "CF PF AF ZF SF OF", expect: { eax: 4 }, expectFlags: "OF" },
  { name: "shld eax,eax,cl (4): OF = MSB xor CF", code: [0x0f, 0xa5, 0xc0], registers: { eax: 0x12345678, ecx: 4 }, expect: { eax: 0x23456781 }, expectFlags: "CF PF AF OF" },
];

export const ALL_CASES = [...ARITHMETIC, ...SHIFTS, ...MULTIPLY_DIVIDE, ...MOVES, ...BITS_AND_CONDITIONS, ...CONTROL, ...STRINGS, ...UNDEFINED_AS_THIS_CPU];

