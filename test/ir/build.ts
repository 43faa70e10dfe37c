/**
 * Building small IR by hand for unit tests of the printer and verifier, without the reader.
 */
import { emptyAttributeList } from "../../src/ir/attributes.js";
import type { BasicBlock as Block, Function as IrFunction, Module, Value } from "../../src/ir/values.js";
import type { Instruction } from "../../src/ir/instructions.js";
import type { FunctionType, Type } from "../../src/ir/types.js";
import { pointerType } from "../../src/ir/types.js";

export function makeModule(functions: IrFunction[] = []): Module {
  return {
    producer: "LLVM14.0.6", sourceFileName: undefined, triple: "i386-unknown-none", dataLayout: "",
    namedStructs: [], globals: [], functions, aliases: [],
  };
}

export function makeFunction(name: string, type: FunctionType, blockCount: number): IrFunction {
  const fn: IrFunction = {
    valueKind: "function", type: pointerType(0), name, linkage: "external", visibility: "default",
    unnamedAddr: "none", dsoLocal: true, section: undefined, align: undefined, functionType: type,
    params: [], blocks: [], callingConv: 0, attributes: emptyAttributeList(), gc: undefined,
  };
  fn.params = type.params.map((paramType, index) => ({ valueKind: "argument", type: paramType, name: undefined, index, parent: fn }));
  for (let index = 0; index < blockCount; index += 1) {
    fn.blocks.push({ valueKind: "block", name: undefined, instructions: [], parent: fn });
  }
  return fn;
}

type Fields<T> = T extends Instruction ? Omit<T, "valueKind" | "parent" | "name"> & { name?: string } : never;

/** Append an instruction to a block; returns it for use as an operand. */
export function add<T extends Instruction>(block: Block, fields: Fields<T>): T {
  const instruction = { valueKind: "instruction", parent: block, name: undefined, ...fields } as unknown as T;
  block.instructions.push(instruction);
  return instruction;
}

export function binary(block: Block, opcode: "add" | "sub" | "mul" | "fadd", type: Type, left: Value, right: Value): Instruction {
  return add(block, { opcode, type, operands: [left, right], flags: {}, fastMath: 0 });
}

export function ret(block: Block, value?: Value): Instruction {
  return add(block, { opcode: "ret", type: { kind: "void" }, operands: value === undefined ? [] : [value] });
}

export function jump(block: Block, target: Block): Instruction {
  return add(block, { opcode: "br", type: { kind: "void" }, operands: [], targets: [target] });
}

export function branch(block: Block, condition: Value, ifTrue: Block, ifFalse: Block): Instruction {
  return add(block, { opcode: "br", type: { kind: "void" }, operands: [condition], targets: [ifTrue, ifFalse] });
}
