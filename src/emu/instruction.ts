/**
 * The decoded form of one instruction: plain data (opcode, operand descriptors, immediates) plus
 * the handler that executes it. The decoder fills it once per address; the machine caches it.
 *
 * Operand conventions (what handlers rely on):
 * - `operandSize` is 1, 2 or 4 bytes. Values of 4-byte operands are signed int32; 1- and 2-byte
 *   values are unsigned and masked to their size. `immediate` follows the same rule for the
 *   operand size (sign-extended first where the encoding says so).
 * - Registers are numbered as in ModRM (EAX ECX EDX EBX ESP EBP ESI EDI = 0..7); for byte
 *   operands 0..3 are AL CL DL BL and 4..7 are AH CH DH BH. Register 8 is a constant zero, so an
 *   effective address is always `regs[base] + (regs[index] << scale) + displacement`.
 * - `rm` is the register operand when `isMemory` is false.
 * - Branch targets are resolved at decode time into `target` (absolute).
 * Because the decoded form is data, a later block translator can turn a run of instructions
 * into JavaScript source by switching on `opcode` and the operand fields.
 */
import type { Machine } from "./machine.js";
import type { Form } from "./table/form.js";

export type Handler = (machine: Machine, instruction: DecodedInstruction) => void;

export type RepPrefix = "" | "rep" | "repe" | "repne";

/** The constant-zero register used for absent base / index. */
export const NO_REGISTER = 8;

export class DecodedInstruction {
  /** Address of the first byte (prefixes included). */
  address = 0;
  /** Length in bytes, prefixes included. */
  length = 0;
  /** Address of the next instruction (address + length, wrapped to 32 bits). */
  next = 0;
  /** iced-x86's Mnemonic name, lowercased ("mov", "movzx", "stosd", "jne", ...). */
  mnemonic = "";
  /** The F3 / F2 prefix as it applies to string instructions ("rep", "repe", "repne"). */
  repPrefix: RepPrefix = "";
  /** The raw F2/F3 prefix byte seen last (0 if none): some two-byte opcodes depend on it. */
  mandatoryPrefix = 0;
  /** One-byte opcode 0x00-0xFF; 0x0F00 | byte, 0x0F3800 | byte, 0x0F3A00 | byte in the other maps. */
  opcode = 0;
  /** Operand size in bytes: 1, 2 or 4. */
  operandSize = 4;
  /** ModRM reg field (or the register encoded in the opcode). */
  reg = 0;
  /** ModRM rm field when it names a register. */
  rm = 0;
  isMemory = false;
  base = NO_REGISTER;
  index = NO_REGISTER;
  scale = 0;
  displacement = 0;
  /** A LOCK prefix was present. */
  lock = false;
  /** Segment override prefix (0 ES, 1 CS, 2 SS, 3 DS, 4 FS, 5 GS) or -1. Ignored: flat model. */
  segment = -1;
  immediate = 0;
  /** Second immediate (the nesting level of ENTER). */
  immediate2 = 0;
  /** Group sub-operation (ModRM reg of group opcodes, ALU op number) or condition code. */
  operation = 0;
  /** Absolute branch target for relative jumps and calls. */
  target = 0;
  /** True for instructions after which decoding of a straight-line run must stop. */
  endsBlock = false;
  /** The instruction-table row it was decoded as (table/); null if invalid or a service. */
  form: Form | null = null;
  handler: Handler = () => {};
  /** The handler's template number (templates.ts), 0 if it is not compiled from a template. */
  template = 0;
}
