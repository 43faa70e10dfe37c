/**
 * Specialised 32-bit handlers generated from source templates.
 *
 * The generic handlers switch on the ALU operation and the operand size at run time; for the
 * forms compiled code executes most (32-bit ALU operations between registers, immediates and
 * memory; jcc by condition) this module writes one small function per (operation, form) from a
 * JavaScript expression template and compiles it once with `new Function`, so each handler is
 * monomorphic and V8 inlines the flag helpers into it. The templates are data (an operation's
 * result expression, its lazy-flags kind, whether it writes back), which a block translator can
 * reuse to emit whole runs of instructions as one function.
 */
import {
  FLAGS_ADC, FLAGS_ADD, FLAGS_LOGIC, FLAGS_SBB, FLAGS_SUB, getCF, getOF, getPF, getSF, getZF,
} from "../flags.js";
import type { Handler } from "../instruction.js";

/** An ALU operation: `a` and `b` are int32 operands; `r` must be assigned (int32); `op` the flags kind. */
export interface AluTemplate {
  compute: string;
  writes: boolean;
}

/** Indexed by the ALU operation number (add or adc sbb and sub xor cmp). */
export const ALU_TEMPLATES: AluTemplate[] = [
  { compute: `r = (a + b) | 0; op = ${FLAGS_ADD};`, writes: true },
  { compute: `r = a | b; op = ${FLAGS_LOGIC};`, writes: true },
  { compute: `const c = getCF(m); r = (a + b + c) | 0; op = c ? ${FLAGS_ADC} : ${FLAGS_ADD};`, writes: true },
  { compute: `const c = getCF(m); r = (a - b - c) | 0; op = c ? ${FLAGS_SBB} : ${FLAGS_SUB};`, writes: true },
  { compute: `r = a & b; op = ${FLAGS_LOGIC};`, writes: true },
  { compute: `r = (a - b) | 0; op = ${FLAGS_SUB};`, writes: true },
  { compute: `r = a ^ b; op = ${FLAGS_LOGIC};`, writes: true },
  { compute: `r = (a - b) | 0; op = ${FLAGS_SUB};`, writes: false },
];

export const EFFECTIVE_ADDRESS = "((regs[i.base] + (regs[i.index] << i.scale) + i.displacement) | 0)";

/** Where the operands of a 32-bit ALU form come from: expressions for a, b, and the write of r. */
export interface AluForm {
  setup: string;
  a: string;
  b: string;
  write: string;
}

export const ALU_FORMS = {
  /** op r/m32(reg), r32 */
  rmRegister: { setup: "", a: "regs[i.rm]", b: "regs[i.reg]", write: "regs[i.rm] = r;" },
  /** op r32, r/m32(reg) */
  registerRm: { setup: "", a: "regs[i.reg]", b: "regs[i.rm]", write: "regs[i.reg] = r;" },
  /** op r32, m32 */
  registerMemory: { setup: `const address = ${EFFECTIVE_ADDRESS};`, a: "regs[i.reg]", b: "m.memory.read32(address)", write: "regs[i.reg] = r;" },
  /** op m32, r32 */
  memoryRegister: { setup: `const address = ${EFFECTIVE_ADDRESS};`, a: "m.memory.read32(address)", b: "regs[i.reg]", write: "m.memory.write32(address, r);" },
  /** op r/m32(reg), imm */
  rmImmediate: { setup: "", a: "regs[i.rm]", b: "i.immediate", write: "regs[i.rm] = r;" },
  /** op m32, imm */
  memoryImmediate: { setup: `const address = ${EFFECTIVE_ADDRESS};`, a: "m.memory.read32(address)", b: "i.immediate", write: "m.memory.write32(address, r);" },
  /** op EAX, imm */
  accumulatorImmediate: { setup: "", a: "regs[0]", b: "i.immediate", write: "regs[0] = r;" },
} satisfies Record<string, AluForm>;

export type AluFormName = keyof typeof ALU_FORMS;

/** The byte register `n` (AL..BL, AH..BH) as an expression, and a statement writing `value` to it. */
export const BYTE_REGISTER = (n: string) => `(${n} < 4 ? regs[${n}] & 0xff : (regs[${n} - 4] >> 8) & 0xff)`;
export const WRITE_BYTE_REGISTER = (n: string, value: string) =>
  `if (${n} < 4) regs[${n}] = (regs[${n}] & ~0xff) | ${value}; else regs[${n} - 4] = (regs[${n} - 4] & ~0xff00) | (${value} << 8);`;

/** Byte ALU forms (80 /op, 00-3A with byte operands) whose operands are in memory or immediate. */
export const BYTE_ALU_FORMS = {
  /** op m8, imm8 */
  memoryImmediate: { setup: `const address = ${EFFECTIVE_ADDRESS};`, a: "m.memory.read8(address)", b: "i.immediate", write: "m.memory.write8(address, r);" },
  /** op m8, r8 */
  memoryRegister: { setup: `const address = ${EFFECTIVE_ADDRESS};`, a: "m.memory.read8(address)", b: BYTE_REGISTER("i.reg"), write: "m.memory.write8(address, r);" },
  /** op r8, m8 */
  registerMemory: { setup: `const address = ${EFFECTIVE_ADDRESS};`, a: BYTE_REGISTER("i.reg"), b: "m.memory.read8(address)", write: WRITE_BYTE_REGISTER("i.reg", "r") },
} satisfies Record<string, AluForm>;

export type ByteAluFormName = keyof typeof BYTE_ALU_FORMS;

/** The body of a handler for ALU operation `operation` in `form` (uses m, i, regs); bytes or dwords. */
export function aluSource(operation: number, form: AluForm, bytes = false): string {
  const template = ALU_TEMPLATES[operation];
  const compute = bytes ? template.compute.replaceAll("| 0;", "& 0xff;") : template.compute;
  return [
    form.setup,
    `const a = ${form.a}; const b = ${form.b}; let r = 0; let op = 0;`,
    compute,
    template.writes ? form.write : "",
    `${FLAGS_STORE}m.flagsOp = op; m.flagsA = a; m.flagsB = b; m.flagsResult = r; m.flagsSign = ${bytes ? 0x80 : -2147483648};`,
  ].join("\n");
}

/**
 * Marks the line of a template that stores all six status flags. The block translator drops
 * that line when a later instruction of the block overwrites every status flag before anything
 * can observe them (see translate.ts; which instructions do is in the instruction table).
 */
export const FLAGS_STORE = "/*flags*/ ";

/** The functions template sources may call (besides `m`, `i` and `regs`). */
export const HELPERS = { getCF, getOF, getPF, getSF, getZF };
export type Helpers = typeof HELPERS;
export const HELPER_NAMES = Object.keys(HELPERS) as (keyof Helpers)[];

/** The source body of each handler compiled from a template (the block translator inlines it). */
const SOURCES = new Map<Handler, string>();
/** Template bodies by template number (1-based; 0 means "not a template"). */
export const TEMPLATE_BODIES: string[] = [""];
const TEMPLATE_NUMBERS = new Map<Handler, number>();

export function handlerSource(handler: Handler): string | undefined {
  return SOURCES.get(handler);
}

/** The template number of a handler (0 if it was not compiled from a template). */
export function templateNumber(handler: Handler): number {
  return TEMPLATE_NUMBERS.get(handler) ?? 0;
}

/** Compiles a handler body; the body sees `m`, `i`, `regs` and the flag helpers. */
export function compileHandler(name: string, body: string): Handler {
  const factory = new Function(
    ...HELPER_NAMES,
    `return function ${name}(m, i) {\nconst regs = m.regs;\n${body}\n};`,
  ) as (...helpers: Helpers[keyof Helpers][]) => Handler;
  const handler = factory(...HELPER_NAMES.map((helper) => HELPERS[helper]));
  SOURCES.set(handler, body);
  TEMPLATE_NUMBERS.set(handler, TEMPLATE_BODIES.length);
  TEMPLATE_BODIES.push(body);
  return handler;
}

const aluHandlers = new Map<string, Handler>();

/** The compiled 32-bit handler for an ALU operation in a form (cached). */
export function aluHandler32(operation: number, form: AluFormName): Handler {
  const key = `${operation}:${form}`;
  let handler = aluHandlers.get(key);
  if (handler === undefined) {
    handler = compileHandler(`alu${operation}_${form}`, aluSource(operation, ALU_FORMS[form]));
    aluHandlers.set(key, handler);
  }
  return handler;
}

/** The compiled handler for a byte ALU operation with a memory operand (cached). */
export function aluHandler8(operation: number, form: ByteAluFormName): Handler {
  const key = `${operation}:${form}:8`;
  let handler = aluHandlers.get(key);
  if (handler === undefined) {
    handler = compileHandler(`alu${operation}_${form}8`, aluSource(operation, BYTE_ALU_FORMS[form], true));
    aluHandlers.set(key, handler);
  }
  return handler;
}

/** Condition codes 0..15 as expressions over the flag helpers (Intel SDM vol. 1, appendix B). */
export const CONDITION_SOURCES: string[] = [
  "getOF(m)", "!getOF(m)",
  "getCF(m) !== 0", "getCF(m) === 0",
  "getZF(m)", "!getZF(m)",
  "(getCF(m) !== 0 || getZF(m))", "!(getCF(m) !== 0 || getZF(m))",
  "getSF(m)", "!getSF(m)",
  "getPF(m)", "!getPF(m)",
  "getSF(m) !== getOF(m)", "getSF(m) === getOF(m)",
  "(getZF(m) || getSF(m) !== getOF(m))", "!(getZF(m) || getSF(m) !== getOF(m))",
];

/** jcc handlers by condition code. */
export const JCC_HANDLERS: Handler[] = CONDITION_SOURCES.map((condition, cc) =>
  compileHandler(`jcc${cc}`, `if (${condition}) m.eip = i.target;`),
);
