/**
 * What an instruction may do besides computing its result, as the passes need to know it.
 * Speculatable: no side effect and no trap, whatever its operands (it may be computed where it
 * was not, as LICM does). Removable when unused: speculatable ones, plus simple loads and
 * allocas. Integer division traps on a zero divisor (and signed division on INT_MIN / -1), so
 * it counts as speculatable only with a constant divisor that cannot trap. Calls, stores,
 * volatile and atomic accesses, terminators and the instructions the JIT refuses stay.
 */
import type { Instruction } from "../instructions.js";

const speculatableOpcodes: ReadonlySet<string> = new Set([
  "add", "fadd", "sub", "fsub", "mul", "fmul", "fdiv", "frem", "shl", "lshr", "ashr", "and", "or", "xor",
  "trunc", "zext", "sext", "fptoui", "fptosi", "uitofp", "sitofp", "fptrunc", "fpext", "ptrtoint", "inttoptr", "bitcast",
  "addrspacecast", "icmp", "fcmp", "getelementptr", "select", "fneg", "freeze", "extractvalue", "insertvalue",
  "extractelement", "insertelement", "shufflevector",
]);

const divisions: ReadonlySet<string> = new Set(["udiv", "sdiv", "urem", "srem"]);

function isSafeDivision(instruction: Instruction): boolean {
  const divisor = instruction.operands[1];
  if (divisor?.valueKind !== "int" || divisor.value === 0n) return false;
  const signed = instruction.opcode === "sdiv" || instruction.opcode === "srem";
  return !signed || divisor.value !== -1n;
}

export function isSpeculatable(instruction: Instruction): boolean {
  if (speculatableOpcodes.has(instruction.opcode)) return true;
  return divisions.has(instruction.opcode) && isSafeDivision(instruction);
}

export function isRemovableWhenUnused(instruction: Instruction): boolean {
  if (instruction.opcode === "phi" || instruction.opcode === "alloca") return true;
  if (instruction.opcode === "load") return !instruction.volatile && instruction.ordering === undefined;
  return isSpeculatable(instruction);
}
