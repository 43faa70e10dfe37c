/**
 * First-class aggregate values ({ i32, i1 } from the *.with.overflow intrinsics, structs that
 * optimised code moves as one value): they live in their slot (the alloc size, rounded up to
 * words). extractvalue reads a field at its offset, insertvalue copies the aggregate and writes
 * one field, select and phi copy words (phi.ts). A constant aggregate operand other than
 * undef/poison/zeroinitializer is refused.
 */
import type { AggregateInstruction, Instruction, StructType, Type, Value } from "../../ir/index.js";
import { Reg } from "../x86/registers.js";
import { type Mem, offsetMem } from "../x86/operands.js";
import type { FunctionCompiler } from "./context.js";
import { isMem } from "../mir/mir.js";

/** Byte offset and type of the element an index path names. */
export function elementAt(c: FunctionCompiler, type: Type, indices: readonly number[]): { offset: number; type: Type } {
  let offset = 0;
  let current = type;
  for (const index of indices) {
    if (current.kind === "struct") {
      offset += c.layout.fieldOffset(current as StructType, index);
      current = (current as StructType).fields[index]!;
    } else if (current.kind === "array") {
      current = current.element;
      offset += index * c.layout.allocSize(current);
    }
  }
  return { offset, type: current };
}

/** The memory holding an aggregate operand, or undefined for undef/poison/zero. */
function aggregateMemory(c: FunctionCompiler, instruction: Instruction, value: Value): Mem | undefined {
  if (value.valueKind === "undef" || value.valueKind === "poison" || value.valueKind === "zero") return undefined;
  const source = c.source(value);
  if (source.kind !== "rm" || !isMem(source.rm)) return c.refuse(instruction, "constant aggregate operand");
  return source.rm;
}

/** Copy `words` words from `from` (or zeros) into the instruction's slot. */
function copyWords(c: FunctionCompiler, instruction: Instruction, from: Mem | undefined, words: number): void {
  for (let index = 0; index < words; index++) {
    if (from === undefined) c.mir.mov(32, Reg.eax, { value: 0 });
    else c.mir.mov(32, Reg.eax, offsetMem(from, 4 * index));
    c.mir.mov(32, c.result(instruction, index), Reg.eax);
  }
}

export function lowerExtractValue(c: FunctionCompiler, instruction: AggregateInstruction): void {
  const aggregate = instruction.operands[0]!;
  const element = elementAt(c, aggregate.type, instruction.indices);
  const from = aggregateMemory(c, instruction, aggregate);
  copyWords(c, instruction, from === undefined ? undefined : offsetMem(from, element.offset), c.words(instruction.type));
}

/** Store the low `size` bytes of the element value at `target`. */
function storeElement(c: FunctionCompiler, value: Value, target: Mem, size: number): void {
  for (let done = 0; done < size; done += 4) {
    c.load(Reg.eax, value, done / 4);
    const bytes = Math.min(4, size - done);
    const at = offsetMem(target, done);
    if (bytes === 4) c.mir.mov(32, at, Reg.eax);
    else if (bytes >= 2) c.mir.mov(16, at, Reg.eax);
    else c.mir.mov(8, at, Reg.eax);
    if (bytes === 3) {
      c.mir.shift("shr", 32, Reg.eax, 16);
      c.mir.mov(8, offsetMem(at, 2), Reg.eax);
    }
  }
}

export function lowerInsertValue(c: FunctionCompiler, instruction: AggregateInstruction): void {
  const [aggregate, value] = instruction.operands as [Value, Value];
  copyWords(c, instruction, aggregateMemory(c, instruction, aggregate), c.words(instruction.type));
  const element = elementAt(c, instruction.type, instruction.indices);
  if (element.type.kind === "struct" || element.type.kind === "array") {
    const from = aggregateMemory(c, instruction, value);
    for (let done = 0; done < c.layout.storeSize(element.type); done += 4) {
      if (from === undefined) c.mir.mov(32, Reg.eax, { value: 0 });
      else c.mir.mov(32, Reg.eax, offsetMem(from, done));
      c.mir.mov(32, offsetMem(c.resultMemory(instruction), element.offset + done), Reg.eax);
    }
    return;
  }
  if (element.type.kind === "int" && element.type.bits === 1) {
    c.load(Reg.eax, value);
    c.mir.alu("and", 32, Reg.eax, { value: 1 });
    c.mir.mov(8, offsetMem(c.resultMemory(instruction), element.offset), Reg.eax);
    return;
  }
  storeElement(c, value, offsetMem(c.resultMemory(instruction), element.offset), c.layout.storeSize(element.type));
}
