/**
 * Template handlers for the hottest forms besides ALU operations and jcc (templates.ts):
 * 32-bit register and memory moves, byte moves to and from memory, lea, push and pop, inc and dec, shifts by an immediate or CL, test,
 * two- and three-operand imul, movzx / movsx from memory, call, ret and jmp (direct and indirect). Each is compiled once from its source; the block translator inlines the
 * same source with the instruction's fields as constants.
 */
import { FLAGS_DEC, FLAGS_INC, FLAGS_LOGIC, FLAGS_PRESET } from "../flags.js";
import type { Handler } from "../instruction.js";
import {
  BYTE_REGISTER, compileHandler, EFFECTIVE_ADDRESS, FLAGS_STORE, WRITE_BYTE_REGISTER,
} from "./templates.js";

const SIGN = "-2147483648";
const PUSH = (value: string) => `const esp = (regs[4] - 4) | 0; m.memory.write32(esp, ${value}); regs[4] = esp;`;

const incDec = (increment: boolean) =>
  [
    "const carry = getCF(m); m.eflags = (m.eflags & ~1) | carry;",
    `const a = regs[i.reg]; const r = (a ${increment ? "+" : "-"} 1) | 0; regs[i.reg] = r;`,
    `${FLAGS_STORE}m.flagsOp = ${increment ? FLAGS_INC : FLAGS_DEC}; m.flagsA = a; m.flagsB = 1; m.flagsResult = r; m.flagsSign = ${SIGN};`,
  ].join("\n");

/** shl / shr / sar of regs[i.rm] by `count` (an expression); flags as shifts.ts (AF set, see there). */
function shift(kind: "shl" | "shr" | "sar", count: string): string {
  const compute = {
    shl: "r = v << n; c = (v >>> (32 - n)) & 1; o = ((r >>> 31) ^ c) & 1;",
    shr: "r = (v >>> n) | 0; c = (v >>> (n - 1)) & 1; o = ((r >>> 31) ^ (r >>> 30)) & 1;",
    sar: "r = v >> n; c = (v >> (n - 1)) & 1; o = 0;",
  }[kind];
  return [
    `const n = ${count} & 31;`,
    "if (n !== 0) {",
    `  const v = regs[i.rm]; let r = 0; let c = 0; let o = 0; ${compute}`,
    "  regs[i.rm] = r;",
    `${FLAGS_STORE}m.flagsOp = ${FLAGS_PRESET}; m.flagsA = c | 0x10 | (o << 11); m.flagsResult = r; m.flagsSign = ${SIGN};`,
    "}",
  ].join("\n");
}

/** Truncating 32-bit signed multiply into regs[i.reg]: CF = OF = the product does not fit. */
const imul = (a: string, b: string) =>
  [
    `const a = ${a}; const b = ${b}; const r = Math.imul(a, b); regs[i.reg] = r;`,
    `${FLAGS_STORE}m.flagsOp = ${FLAGS_PRESET}; m.flagsA = a * b !== r ? 0x801 : 0; m.flagsResult = r; m.flagsSign = ${SIGN};`,
  ].join("\n");

const SOURCES = {
  movRmRegister: "regs[i.rm] = regs[i.reg];",
  movRegisterRm: "regs[i.reg] = regs[i.rm];",
  movRegisterMemory: `regs[i.reg] = m.memory.read32(${EFFECTIVE_ADDRESS});`,
  movMemoryRegister: `m.memory.write32(${EFFECTIVE_ADDRESS}, regs[i.reg]);`,
  movRegisterImmediate: "regs[i.reg] = i.immediate;",
  movMemoryImmediate: `m.memory.write32(${EFFECTIVE_ADDRESS}, i.immediate);`,
  movByteMemoryRegister: `m.memory.write8(${EFFECTIVE_ADDRESS}, ${BYTE_REGISTER("i.reg")});`,
  movByteRegisterMemory: `const v = m.memory.read8(${EFFECTIVE_ADDRESS});\n${WRITE_BYTE_REGISTER("i.reg", "v")}`,
  movByteMemoryImmediate: `m.memory.write8(${EFFECTIVE_ADDRESS}, i.immediate);`,
  lea: `regs[i.reg] = ${EFFECTIVE_ADDRESS};`,
  push: PUSH("regs[i.reg]"),
  pushImmediate: PUSH("i.immediate"),
  pop: "const esp = regs[4]; const value = m.memory.read32(esp); regs[4] = (esp + 4) | 0; regs[i.reg] = value;",
  inc: incDec(true),
  dec: incDec(false),
  testRegisters: `${FLAGS_STORE}m.flagsOp = ${FLAGS_LOGIC}; m.flagsResult = regs[i.rm] & regs[i.reg]; m.flagsSign = ${SIGN};`,
  shlImmediate: shift("shl", "i.immediate"),
  shrImmediate: shift("shr", "i.immediate"),
  sarImmediate: shift("sar", "i.immediate"),
  shlCl: shift("shl", "regs[1]"),
  shrCl: shift("shr", "regs[1]"),
  sarCl: shift("sar", "regs[1]"),
  imulRegisterImmediate: imul("regs[i.rm]", "i.immediate"),
  imulMemoryImmediate: imul(`m.memory.read32(${EFFECTIVE_ADDRESS})`, "i.immediate"),
  imulRegisters: imul("regs[i.reg]", "regs[i.rm]"),
  imulRegisterMemory: imul("regs[i.reg]", `m.memory.read32(${EFFECTIVE_ADDRESS})`),
  call: `${PUSH("i.next")}\nm.eip = i.target;`,
  ret: "const esp = regs[4]; m.eip = m.memory.read32(esp) >>> 0; regs[4] = (esp + 4 + i.immediate) | 0;",
  jmp: "m.eip = i.target;",
  callRegister: `const target = regs[i.rm] >>> 0;\n${PUSH("i.next")}\nm.eip = target;`,
  callMemory: `const target = m.memory.read32(${EFFECTIVE_ADDRESS}) >>> 0;\n${PUSH("i.next")}\nm.eip = target;`,
  jmpRegister: "m.eip = regs[i.rm] >>> 0;",
  jmpMemory: `m.eip = m.memory.read32(${EFFECTIVE_ADDRESS}) >>> 0;`,
  movzxByteMemory: `regs[i.reg] = m.memory.read8(${EFFECTIVE_ADDRESS});`,
  movzxWordMemory: `regs[i.reg] = m.memory.read16(${EFFECTIVE_ADDRESS});`,
  movsxByteMemory: `regs[i.reg] = (m.memory.read8(${EFFECTIVE_ADDRESS}) << 24) >> 24;`,
  movsxWordMemory: `regs[i.reg] = (m.memory.read16(${EFFECTIVE_ADDRESS}) << 16) >> 16;`,
};

export const FAST: Record<keyof typeof SOURCES, Handler> = Object.fromEntries(
  Object.entries(SOURCES).map(([name, source]) => [name, compileHandler(name, source)]),
) as Record<keyof typeof SOURCES, Handler>;
