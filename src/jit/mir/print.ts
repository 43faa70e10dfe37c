/**
 * MIR as text, one instruction a line in Intel order, for dumps between passes and for tests:
 * `add eax, v3`, `mov [ebp-12], eax`, `jne L2 short`, `movzx.8 eax, v7`. Virtual registers
 * print as v<n>, labels as L<n> numbered by first appearance, relocated addresses as
 * data+offset or code+offset.
 */
import { Reg, byteRegisterNames, registerNames } from "../x86/registers.js";
import type { Mem } from "../x86/operands.js";
import type { Label } from "../x86/encoder.js";
import { type MirInstruction, type Operand, isImm, isLabel, isPhysical, isVReg } from "./mir.js";
import { ops } from "./ops.js";

const conditionNames = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];

function signed(value: number): string {
  return value < 0 ? `-${-value}` : `+${value}`;
}

function memText(operand: Mem): string {
  const parts: string[] = [];
  if (operand.symbol !== undefined) parts.push(`${operand.symbol.pool}+${operand.symbol.offset}`);
  if (operand.base !== undefined) parts.push(registerNames[operand.base]!);
  if (operand.index !== undefined) parts.push(`${registerNames[operand.index]!}*${operand.scale ?? 1}`);
  const head = parts.join("+");
  if (head === "") return `[${operand.disp}]`;
  return operand.disp === 0 ? `[${head}]` : `[${head}${signed(operand.disp)}]`;
}

function operandText(operand: Operand, byte: boolean, labels: Map<Label, number>): string {
  if (isPhysical(operand)) return (byte ? byteRegisterNames[operand] : undefined) ?? registerNames[operand]!;
  if (isVReg(operand)) return `v${operand.vreg}`;
  if (isImm(operand)) return operand.symbol === undefined ? `${operand.value}` : `${operand.symbol.pool}+${operand.symbol.offset}${signed(operand.value)}`;
  if (isLabel(operand)) {
    if (!labels.has(operand)) labels.set(operand, labels.size);
    return `L${labels.get(operand)!}`;
  }
  return memText(operand);
}

function mnemonic(instruction: MirInstruction): string {
  const { op, cond, size } = instruction;
  if (op === "jcc") return `j${conditionNames[cond!]!}`;
  if (op === "setcc") return `set${conditionNames[cond!]!}`;
  return size === 32 || op === "rep_movsb" || op === "rep_stosb" ? op : `${op}.${size}`;
}

/** An operand written as its 8-bit register: 8-bit operations, movzx's source, a shift's cl. */
function isByteOperand(instruction: MirInstruction, index: number): boolean {
  if (ops[instruction.op].fixed?.[index] === Reg.ecx) return true;
  if (instruction.op === "movzx" || instruction.op === "movsx") return index === 1 && instruction.size === 8;
  return instruction.size === 8;
}

export function formatInstruction(instruction: MirInstruction, labels = new Map<Label, number>()): string {
  const operands = instruction.operands.map((operand, index) => operandText(operand, isByteOperand(instruction, index), labels));
  const flags = `${instruction.short ? " short" : ""}${instruction.elidable ? " elidable" : ""}`;
  if (instruction.op === "label") return `${operands[0]!}:`;
  return `  ${mnemonic(instruction)}${operands.length > 0 ? " " : ""}${operands.join(", ")}${flags}`;
}

export function formatCode(code: readonly MirInstruction[]): string {
  const labels = new Map<Label, number>();
  return code.map((instruction) => formatInstruction(instruction, labels)).join("\n");
}
