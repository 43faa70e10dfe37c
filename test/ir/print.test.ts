/**
 * Printer pieces with exact expected text, as llvm-dis prints them (AsmWriter.cpp): types,
 * name quoting, escapes, slot numbering, declarations. The whole printer is compared with
 * llvm-dis on real modules in llvm-dis.test.ts.
 */
import { describe, expect, it } from "vitest";
import { escapeString, numberLocals, quoteName } from "../../src/ir/names.js";
import { printFunction, printInstruction, printType } from "../../src/ir/print.js";
import type { StructType, Type } from "../../src/ir/types.js";
import { arrayType, floatType, functionType, i1, i32, i64, i8, pointerType, voidType } from "../../src/ir/types.js";
import { binary, makeFunction, ret } from "./build.js";

const node: StructType = { kind: "struct", name: "struct.node", packed: false, fields: [], opaque: false };
node.fields = [i32, pointerType(0, node)];

const types: [string, Type][] = [
  ["i1", i1], ["i64", i64], ["double", floatType("double")], ["x86_fp80", floatType("x86_fp80")],
  ["ptr", pointerType(0)], ["ptr addrspace(1)", pointerType(1)], ["i8*", pointerType(0, i8)],
  ["i32 addrspace(3)*", pointerType(3, i32)], ["[4 x [2 x i8]]", arrayType(arrayType(i8, 2), 4)],
  ["<4 x i32>", { kind: "vector", length: 4, element: i32, scalable: false }],
  ["<vscale x 2 x i64>", { kind: "vector", length: 2, element: i64, scalable: true }],
  ["%struct.node", node], ["%struct.node*", pointerType(0, node)],
  ["{ i32, i8 }", { kind: "struct", name: undefined, packed: false, fields: [i32, i8], opaque: false }],
  ["<{ i8, i32 }>", { kind: "struct", name: undefined, packed: true, fields: [i8, i32], opaque: false }],
  ["{}", { kind: "struct", name: undefined, packed: false, fields: [], opaque: false }],
  ['%"name with space"', { kind: "struct", name: "name with space", packed: false, fields: [], opaque: true }],
  ["i32 (i8*, ...)", functionType(i32, [pointerType(0, i8)], true)], ["void ()", functionType(voidType, [])],
  ["void (...)", functionType(voidType, [], true)], ["i32 (i32)*", pointerType(0, functionType(i32, [i32]))],
];

describe("printer", () => {
  it.each(types)("prints the type %s", (text, type) => {
    expect(printType(type)).toBe(text);
  });

  it.each([
    ["x.addr", "x.addr"], ["-dash.ok_", "-dash.ok_"], ["9lives", '"9lives"'], ["sp ace", '"sp ace"'],
    ["$dollar", '"$dollar"'], ['quo"te', '"quo\\22te"'], ["back\\slash", '"back\\\\slash"'], ["\u00c3\u00a9", '"\\C3\\A9"'],
  ])("quotes the name %s as %s", (name, text) => {
    expect(quoteName(name)).toBe(text);
  });

  it("escapes control bytes in upper-case hex", () => {
    expect(escapeString("a\tb\n\x7f")).toBe("a\\09b\\0A\\7F");
  });

  it("numbers unnamed arguments, then each block and its unnamed non-void instructions", () => {
    const fn = makeFunction("f", functionType(i32, [i32, i32]), 2);
    fn.params[0]!.name = "x";
    const [entry, exit] = fn.blocks;
    const sum = binary(entry!, "add", i32, fn.params[0]!, fn.params[1]!);
    sum.name = "sum";
    const product = binary(entry!, "mul", i32, sum, sum);
    ret(entry!, product);
    ret(exit!, sum);
    const slots = numberLocals(fn);
    expect([slots.get(fn.params[1]!), slots.get(entry!), slots.get(product), slots.get(exit!)]).toEqual([0, 1, 2, 3]);
    expect(printInstruction(product)).toBe("%2 = mul i32 %sum, %sum");
    expect(printFunction(fn)).toBe([
      "define dso_local i32 @f(i32 %x, i32 %0) {",
      "  %sum = add i32 %x, %0", "  %2 = mul i32 %sum, %sum", "  ret i32 %2", "", "3:", "  ret i32 %sum", "}",
    ].join("\n"));
  });

  it("prints a declaration with parameter attributes and no names", () => {
    const fn = makeFunction("callee", functionType(i32, [i8, pointerType(0)], true), 0);
    fn.attributes.params = [[{ kind: "enum", name: "signext" }], [{ kind: "int", name: "align", value: 4n }, { kind: "type", name: "byval", type: i32 }]];
    fn.attributes.return = [{ kind: "enum", name: "noundef" }];
    fn.linkage = "extern_weak";
    expect(printFunction(fn)).toBe("declare extern_weak dso_local noundef i32 @callee(i8 signext, ptr align 4 byval(i32), ...)");
  });
});
