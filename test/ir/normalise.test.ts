/**
 * The normalisation applied to llvm-dis's text and ours before comparing (docs/IR.md), line by line.
 */
import { describe, expect, it } from "vitest";
import { firstDifference, normaliseLlvmText } from "../../src/ir/normalise.js";

const cases: [string, string, string[]][] = [
  ["comment lines", "; ModuleID = 'x.bc'\n; Function Attrs: nounwind", []],
  ["preds comments after labels", '5:                                                ; preds = %1, %4\n"a b":   ; preds = %0', ["5:", '"a b":']],
  ["attribute groups and references", "attributes #0 = { nounwind }\ndefine i32 @f() #0 {\n  call void @g() #12", ["define i32 @f() {", "  call void @g()"]],
  ["metadata definitions and attachments", "!0 = !{i32 1}\n!llvm.ident = !{!0}\n  %3 = load i32, ptr %2, align 4, !tbaa !5, !range !7",
    ["  %3 = load i32, ptr %2, align 4"]],
  ["nothing inside quotes", '@s = constant [6 x i8] c"a #1 !x !2", align 1', ['@s = constant [6 x i8] c"a #1 !x !2", align 1']],
  ["blank lines and trailing blanks", "\n\ntarget triple = \"i386\"   \n\n", ['target triple = "i386"']],
  ["use-list orders", "  uselistorder ptr @f, { 1, 0 }", []],
  ["debug records and dbg intrinsic arguments", "    #dbg_value(i32 %1, !88, !DIExpression(), !90)\n" +
    "  call void @llvm.dbg.value(metadata i32 %0, metadata !24, metadata !DIExpression()), !dbg !25",
    ["  call void @llvm.dbg.value(...)"]],
];

describe("normaliseLlvmText", () => {
  it.each(cases)("drops %s", (_name, text, expected) => {
    expect(normaliseLlvmText(text)).toEqual(expected);
  });

  it("keeps indentation and everything else", () => {
    expect(normaliseLlvmText("define i32 @f(i32 %0) {\n  ret i32 %0\n}")).toEqual(["define i32 @f(i32 %0) {", "  ret i32 %0", "}"]);
  });
});

describe("firstDifference", () => {
  it("is undefined for equal texts", () => {
    expect(firstDifference(["a", "b"], ["a", "b"])).toBeUndefined();
  });

  it("shows context, the function and both sides of the first mismatch", () => {
    const theirs = ["define i32 @f() {", "  %1 = add i32 1, 2", "  ret i32 %1", "}"];
    const ours = ["define i32 @f() {", "  %1 = add i32 1, 3", "  ret i32 %1", "}"];
    expect(firstDifference(theirs, ours)).toBe([
      "first difference at normalised line 2 (llvm-dis has 4 lines, ours 4) in define i32 @f() {",
      "@@ llvm-dis (-) vs printModule (+) @@",
      "  define i32 @f() {",
      "-   %1 = add i32 1, 2", "-   ret i32 %1",
      "+   %1 = add i32 1, 3", "+   ret i32 %1",
    ].join("\n"));
  });
});
