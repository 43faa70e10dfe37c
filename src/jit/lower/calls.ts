/**
 * Calls, i386 cdecl: arguments pushed right to left (an i64 as high then low word, a byval
 * aggregate copied onto the stack, an i1/i8/i16 extended to 32 bits as its signext/zeroext
 * attribute says), the caller pops them, except the hidden sret pointer which the callee pops.
 * A call to a function of the module goes through its slot, `call dword [slot]`, so that a
 * recompiled body can be swapped in with one store; an external is called at its address;
 * `llvm.*` intrinsics are expanded inline (intrinsics.ts).
 */
import type { Attribute, CallInstruction, Function, Value } from "../../ir/index.js";
import { findAttribute, hasAttribute, paramAttributes } from "../../ir/index.js";
import { Reg } from "../x86/registers.js";
import { mem } from "../x86/operands.js";
import { roundUp } from "../layout.js";
import type { FunctionCompiler } from "./context.js";
import { lowerIntrinsic } from "./intrinsics.js";

function argumentAttributes(call: CallInstruction, callee: Value, index: number): Attribute[] {
  const own = paramAttributes(call.attributes, index);
  const declared = callee.valueKind === "function" ? paramAttributes(callee.attributes, index) : [];
  return [...own, ...declared];
}

function byval(attributes: readonly Attribute[]): Attribute | undefined {
  return findAttribute(attributes, "byval");
}

/** Push one argument; returns the bytes pushed. */
function pushArgument(c: FunctionCompiler, call: CallInstruction, value: Value, attributes: readonly Attribute[]): number {
  const aggregate = byval(attributes);
  if (aggregate !== undefined) {
    const type = aggregate.kind === "type" ? aggregate.type : undefined;
    if (type === undefined) c.refuse(call, "byval without a type");
    const size = roundUp(c.layout.allocSize(type), 4);
    c.mir.alu("sub", 32, Reg.esp, { value: size });
    c.load(Reg.esi, value);
    c.mir.mov(32, Reg.edi, Reg.esp);
    c.mir.mov(32, Reg.ecx, { value: size });
    c.mir.repMovsb();
    return size;
  }
  const bits = c.bits(value.type, call);
  if (bits > 32) {
    pushWord(c, value, 1);
    pushWord(c, value, 0);
    return 8;
  }
  if (bits < 32) {
    c.loadExtended(Reg.eax, value, bits, hasAttribute(attributes, "signext"));
    c.mir.push(Reg.eax);
    return 4;
  }
  pushWord(c, value, 0);
  return 4;
}

function pushWord(c: FunctionCompiler, value: Value, half: 0 | 1): void {
  const source = c.source(value, half);
  if (source.kind === "addr") {
    c.mir.lea(Reg.eax, source.mem);
    c.mir.push(Reg.eax);
  } else {
    c.mir.push(source.kind === "imm" ? source.imm : source.rm);
  }
}

function emitCallTarget(c: FunctionCompiler, callee: Value): void {
  if (callee.valueKind === "function") {
    const slot = c.services.slotOf(callee);
    if (slot !== undefined) {
      c.mir.call({ disp: 0, symbol: { pool: "data", offset: slot } });
      return;
    }
  }
  c.load(Reg.eax, callee);
  c.mir.call(Reg.eax);
}

export function lowerCall(c: FunctionCompiler, call: CallInstruction): void {
  const callee = call.operands[0]!;
  if (callee.valueKind === "function" && callee.name.startsWith("llvm.")) {
    lowerIntrinsic(c, call, callee as Function);
    return;
  }
  if (callee.valueKind === "inlineasm") c.refuse(call, "inline asm");
  const args = call.operands.slice(1);
  let bytes = 0;
  for (let index = args.length - 1; index >= 0; index--) {
    bytes += pushArgument(c, call, args[index]!, argumentAttributes(call, callee, index));
  }
  emitCallTarget(c, callee);
  const sret = args.length > 0 && findAttribute(argumentAttributes(call, callee, 0), "sret") !== undefined;
  const popped = bytes - (sret ? 4 : 0);
  if (popped > 0) c.mir.alu("add", 32, Reg.esp, { value: popped });
  if (call.type.kind === "void") return;
  const bits = c.bits(call.type, call);
  c.storeResult(call, bits > 32);
}

/** Used by va_start: the address just past the declared arguments. */
export function variadicArea(c: FunctionCompiler): ReturnType<typeof mem> {
  return mem(Reg.ebp, 8 + c.frame.argumentBytes);
}
