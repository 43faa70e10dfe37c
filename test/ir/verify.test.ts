/**
 * The verifier on hand-built IR: a valid function (whose printed form is checked against what
 * llvm-dis-14 prints for the same .ll), then one defect at a time, each with its exact messages.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { printFunction } from "../../src/ir/print.js";
import { checkModule, verifyModule } from "../../src/ir/verify.js";
import type { CallInstruction, Instruction, PhiInstruction } from "../../src/ir/instructions.js";
import { arrayType, functionType, i1, i32, i64, pointerType, voidType } from "../../src/ir/types.js";
import type { StructType, Type } from "../../src/ir/types.js";
import type { BasicBlock, Constant, ConstantExpr, Function as IrFunction, GlobalVariable, Module } from "../../src/ir/values.js";
import { constantInt } from "../../src/ir/values.js";
import { add, binary, branch, jump, makeFunction, makeModule, ret } from "./build.js";

interface Fixture {
  module: Module;
  f: IrFunction;
  entry: BasicBlock;
  then: BasicBlock;
  join: BasicBlock;
  sum: Instruction;
  phi: PhiInstruction;
  callee: IrFunction;
}

/** `define i32 @f(i32 %0, i1 %1)`: if %1 then %4 = %0 + 1; %6 = phi; ret %6. */
function fixture(): Fixture {
  const callee = makeFunction("g", functionType(i32, [i32]), 0);
  const f = makeFunction("f", functionType(i32, [i32, i1]), 3);
  const [entry, then, join] = f.blocks as [BasicBlock, BasicBlock, BasicBlock];
  const [x, flag] = f.params;
  branch(entry, flag!, then, join);
  const sum = binary(then, "add", i32, x!, constantInt(i32, 1));
  jump(then, join);
  const phi = add<PhiInstruction>(join, { opcode: "phi", type: i32, operands: [sum, x!], blocks: [then, entry] });
  ret(join, phi);
  return { module: makeModule([callee, f]), f, entry, then, join, sum, phi, callee };
}

const validText = `define dso_local i32 @f(i32 %0, i1 %1) {
  br i1 %1, label %3, label %5

3:
  %4 = add i32 %0, 1
  br label %5

5:
  %6 = phi i32 [ %4, %3 ], [ %0, %2 ]
  ret i32 %6
}`;

function call(block: BasicBlock, callee: IrFunction, args: CallInstruction["operands"]): CallInstruction {
  return add<CallInstruction>(block, {
    opcode: "call", type: i32, operands: [callee, ...args], functionType: callee.functionType, tail: "none",
    callingConv: 0, attributes: { function: [], return: [], params: [] }, fastMath: 0,
  });
}

const pair: StructType = { kind: "struct", name: undefined, packed: false, fields: [i32, i1], opaque: false };

function global(name: string, valueType: Type, initializer: Constant): GlobalVariable {
  return {
    valueKind: "global", type: pointerType(0, valueType), name, linkage: "external", visibility: "default",
    unnamedAddr: "none", dsoLocal: true, section: undefined, align: 4, valueType, isConstant: false,
    initializer, threadLocal: undefined, externallyInitialized: false, addressSpace: 0, attributes: [],
  };
}

/** Put `instruction` (already appended to `block`) at `index` instead. */
function moveTo(block: BasicBlock, index: number): void {
  const instruction = block.instructions.pop()!;
  block.instructions.splice(index, 0, instruction);
}

const cases: [string, (fixture: Fixture) => void, string[]][] = [
  ["a block without terminator", ({ then }) => { then.instructions.pop(); }, [
    '@f, block %3, "%4 = add i32 %0, 1": the block does not end with a terminator',
  ]],
  ["a terminator in the middle", ({ join, f }) => { ret(join, f.params[0]); moveTo(join, 1); }, [
    '@f, block %5, "ret i32 %0": a terminator in the middle of the block',
  ]],
  ["a phi after another instruction", ({ join, f }) => { binary(join, "add", i32, f.params[0]!, f.params[0]!); moveTo(join, 0); }, [
    '@f, block %5, "%7 = phi i32 [ %4, %3 ], [ %0, %2 ]": a phi after other instructions',
  ]],
  ["an empty block", ({ then }) => { then.instructions = []; }, ["@f, block %3: the block is empty"]],
  ["phi entries that miss a predecessor", ({ phi }) => { phi.operands.pop(); phi.blocks.pop(); }, [
    '@f, block %5, "%6 = phi i32 [ %4, %3 ]": incoming blocks (%3) do not match the predecessors (%2, %3)',
  ]],
  ["a phi value that does not dominate its edge", ({ phi, sum }) => { phi.operands[1] = sum; }, [
    '@f, block %5, "%6 = phi i32 [ %4, %3 ], [ %4, %2 ]": operand %4 does not dominate this use',
  ]],
  ["a use in a block the definition does not dominate", ({ sum, phi }) => { sum.operands[0] = phi; }, [
    '@f, block %3, "%4 = add i32 %6, 1": operand %6 does not dominate this use',
  ]],
  ["an instruction using itself", ({ sum }) => { sum.operands[0] = sum; }, [
    '@f, block %3, "%4 = add i32 %4, 1": operand %4 does not dominate this use',
  ]],
  ["operands of different types", ({ sum, f }) => { sum.operands[1] = f.params[1]!; }, [
    '@f, block %3, "%4 = add i32 %0, i1 %1": operands have types i32 and i1, result i32',
  ]],
  ["an integer add on i64 operands with an i32 result", ({ sum }) => { sum.operands = [constantInt(i64, 1), constantInt(i64, 2)]; }, [
    '@f, block %3, "%4 = add i64 1, 2": operands have types i64 and i64, result i32',
  ]],
  ["a wrong return type", ({ join, f }) => { join.instructions[1]!.operands[0] = f.params[1]!; }, [
    '@f, block %5, "ret i1 %1": returns i1 from a function returning i32',
  ]],
  ["a return without value", ({ join }) => { join.instructions[1]!.operands = []; }, [
    '@f, block %5, "ret void": returns nothing from a function returning i32',
  ]],
  ["a non-boolean branch condition", ({ entry, f }) => { entry.instructions[0]!.operands[0] = f.params[0]!; }, [
    '@f, block %2, "br i32 %0, label %3, label %5": condition has type i32, expected i1',
  ]],
  ["a branch back to the entry block", ({ then, entry }) => { (then.instructions[1] as { targets: BasicBlock[] }).targets = [entry]; }, [
    "@f, block %2: the entry block has predecessors",
    '@f, block %5, "%6 = phi i32 [ %4, %3 ], [ %0, %2 ]": incoming blocks (%2, %3) do not match the predecessors (%2)',
  ]],
  ["a branch into another function", ({ then, callee }) => {
    const foreign: BasicBlock = { valueKind: "block", name: "elsewhere", instructions: [], parent: callee };
    (then.instructions[1] as { targets: BasicBlock[] }).targets = [foreign];
  }, ['@f, block %3, "br label %elsewhere": branches to a block of another function']],
  ["an invalid cast", ({ then, f }) => {
    add(then, { opcode: "trunc", type: i64, operands: [f.params[0]!], flags: {} });
    moveTo(then, 1);
  }, ['@f, block %3, "%5 = trunc i32 %0 to i64": trunc from i32 to i64 is not a valid cast']],
  ["fcmp on integers", ({ then, f }) => {
    add(then, { opcode: "fcmp", type: i1, operands: [f.params[0]!, f.params[0]!], predicate: "olt", fastMath: 0 });
    moveTo(then, 1);
  }, ['@f, block %3, "%5 = fcmp olt i32 %0, %0": fcmp needs floating-point operands, got i32']],
  ["a call with too few arguments", ({ then, callee }) => { call(then, callee, []); moveTo(then, 1); }, [
    '@f, block %3, "%5 = call i32 @g()": call has 0 arguments, i32 (i32) needs 1',
  ]],
  ["a call with a wrong argument type", ({ then, callee, f }) => { call(then, callee, [f.params[1]!]); moveTo(then, 1); }, [
    '@f, block %3, "%5 = call i32 @g(i1 %1)": argument 0 has type i1, i32 (i32) needs i32',
  ]],
  ["a load through a typed pointer to another type", ({ then }) => {
    const pointer = add(then, { opcode: "alloca", type: pointerType(0, i32), operands: [constantInt(i32, 1)], allocatedType: i32, align: 4, inalloca: false });
    add(then, { opcode: "load", type: i64, operands: [pointer], align: 8, volatile: false, ordering: undefined });
    moveTo(then, 1);
    moveTo(then, 1);
  }, ['@f, block %3, "%6 = load i64, i32* %5, align 8": load of i64 through i32*']],
  ["a store to a non-pointer", ({ then, f }) => {
    add(then, { opcode: "store", type: voidType, operands: [f.params[0]!, f.params[0]!], align: 4, volatile: false, ordering: undefined });
    moveTo(then, 1);
  }, ['@f, block %3, "store i32 %0, i32 %0, align 4": store needs a pointer operand, got i32']],
  ["a switch with a duplicate case", ({ entry, then, join, f }) => {
    entry.instructions = [];
    add(entry, {
      opcode: "switch", type: voidType, operands: [f.params[0]!], defaultTarget: join,
      cases: [{ value: constantInt(i32, 1), target: then }, { value: constantInt(i32, 1), target: then }],
    });
  }, [
    '@f, block %2, "switch i32 %0, label %5 [": duplicate case 1',
  ]],
  ["an alloca whose typed result points to another type", ({ then }) => {
    add(then, { opcode: "alloca", type: pointerType(0, i64), operands: [constantInt(i32, 1)], allocatedType: i32, align: 4, inalloca: false });
    moveTo(then, 1);
  }, ['@f, block %3, "%5 = alloca i32, align 4": result i64* does not point to the allocated i32']],
  ["a phi without incoming values", ({ join }) => {
    add<PhiInstruction>(join, { opcode: "phi", type: i32, operands: [], blocks: [] });
    moveTo(join, 0);
  }, [
    '@f, block %5, "%6 = phi i32 ": a phi needs at least one incoming value',
    '@f, block %5, "%6 = phi i32 ": incoming blocks () do not match the predecessors (%2, %3)',
  ]],
  ["the result of a void call used as an operand", ({ then, sum, module }) => {
    const sink = makeFunction("sink", functionType(voidType, []), 0);
    module.functions.push(sink);
    const nothing = add<CallInstruction>(then, {
      opcode: "call", type: voidType, operands: [sink], functionType: sink.functionType, tail: "none",
      callingConv: 0, attributes: { function: [], return: [], params: [] }, fastMath: 0,
    });
    moveTo(then, 0);
    sum.operands[1] = nothing;
  }, ['@f, block %3, "%4 = add i32 %0, void <badref>": an operand has type void']],
  ["extractvalue past the end of a struct", ({ then }) => {
    add(then, { opcode: "extractvalue", type: i32, operands: [{ valueKind: "zero", type: pair }], indices: [2] });
    moveTo(then, 1);
  }, ['@f, block %3, "%5 = extractvalue { i32, i1 } zeroinitializer, 2": indices 2 do not select a member of { i32, i1 }']],
  ["extractvalue with the wrong result type", ({ then }) => {
    add(then, { opcode: "extractvalue", type: i64, operands: [{ valueKind: "zero", type: pair }], indices: [1] });
    moveTo(then, 1);
  }, ['@f, block %3, "%5 = extractvalue { i32, i1 } zeroinitializer, 1": result type i64, expected i1']],
  ["insertvalue of the wrong type", ({ then, f }) => {
    add(then, { opcode: "insertvalue", type: pair, operands: [{ valueKind: "undef", type: pair }, f.params[0]!], indices: [1] });
    moveTo(then, 1);
  }, ['@f, block %3, "%5 = insertvalue { i32, i1 } undef, i32 %0, 1": inserted value has type i32, expected i1']],
  ["an invalid constant expression as an operand", ({ sum }) => {
    sum.operands[1] = { valueKind: "expr", type: i32, opcode: "trunc", operands: [constantInt(i32, 7)] };
  }, ['@f, block %3, "%4 = add i32 %0, trunc (i32 7 to i32)": trunc from i32 to i32 is not a valid cast']],
  ["a constant expression that contains itself", ({ sum }) => {
    const loop: ConstantExpr = { valueKind: "expr", type: i32, opcode: "add", operands: [] };
    loop.operands = [constantInt(i32, 1), loop];
    sum.operands[1] = loop;
  }, ['@f, block %3, "%4 = add i32 %0, add (i32 1, i32 <cycle>)": a constant of type i32 contains itself']],
  ["a struct constant with an element of the wrong type", ({ module }) => {
    module.globals.push(global("s", pair, { valueKind: "aggregate", type: pair, elements: [constantInt(i32, 1), constantInt(i32, 2)] }));
  }, ["@s: element 1 of a { i32, i1 } constant has type i32"]],
  ["an array constant of the wrong length", ({ module }) => {
    const array = arrayType(i32, 3);
    module.globals.push(global("a", array, { valueKind: "aggregate", type: array, elements: [constantInt(i32, 1)] }));
  }, ["@a: [3 x i32] constant with 1 elements"]],
  ["byval on an integer parameter", ({ f }) => {
    f.attributes.params = [[{ kind: "type", name: "byval", type: i32 }]];
  }, ["@f: parameter 0 has type i32, but byval applies only to pointers"]],
  ["signext on a pointer argument of a call", ({ then }) => {
    const takesPointer = makeFunction("h", functionType(i32, [pointerType(0)]), 0);
    const site = call(then, takesPointer, [{ valueKind: "null", type: pointerType(0) }]);
    site.attributes.params = [[{ kind: "enum", name: "signext" }]];
    moveTo(then, 1);
  }, ['@f, block %3, "%5 = call i32 @h(ptr signext null)": parameter 0 has type ptr, but signext applies only to integers']],
  ["attributes for a parameter that does not exist", ({ callee }) => {
    callee.attributes.params = [[], [{ kind: "enum", name: "noundef" }]];
  }, ["@g: attributes for parameter 1, but there are only 1 parameters"]],
  ["two globals with one name", ({ callee }) => { callee.name = "f"; }, ["@f: 2 globals have this name"]],
  ["a global initialiser of the wrong type", ({ module }) => {
    module.globals.push(global("x", i32, constantInt(i64, 5)));
  }, ["@x: initializer has type i64, expected i32"]],
];

describe("verifyModule", () => {
  it("accepts the valid fixture, printed as llvm-dis-14 prints it", () => {
    const { module, f } = fixture();
    expect(verifyModule(module)).toEqual([]);
    expect(printFunction(f, module)).toBe(validText);
  });

  it.each(cases)("reports %s", (_name, mutate, expected) => {
    const state = fixture();
    mutate(state);
    expect(verifyModule(state.module).map((error) => error.text)).toEqual(expected);
  });

  it("names function, block and instruction separately", () => {
    const state = fixture();
    state.sum.operands[0] = state.phi;
    expect(verifyModule(state.module)).toEqual([{
      function: "@f", block: "%3", instruction: "%4 = add i32 %6, 1", message: "operand %6 does not dominate this use",
      text: '@f, block %3, "%4 = add i32 %6, 1": operand %6 does not dominate this use',
    }]);
  });

  it("checkModule throws one InputError for the first problem", () => {
    const state = fixture();
    state.then.instructions = [];
    state.sum.operands[0] = state.phi;
    expect(() => checkModule(state.module, "m.bc")).toThrow(new InputError("m.bc", "invalid IR: @f, block %3: the block is empty"));
    expect(() => checkModule(fixture().module, "m.bc")).not.toThrow();
  });
});
