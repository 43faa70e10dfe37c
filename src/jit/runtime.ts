/**
 * Shared machine-code routines placed once in the code pool, after the functions that use
 * them: 64-bit unsigned and signed division with remainder (i386 has no 64/64 divide).
 *
 * Private convention: dividend in edx:eax, divisor in ebx:ecx (high:low); quotient returned in
 * edx:eax, remainder in ebx:ecx; esi and edi are clobbered, ebp and esp preserved.
 * Division by a divisor that fits in 32 bits takes two `div`s; a wider divisor runs the
 * 64-step shift-subtract loop (the quotient has at most 32 significant bits then, but the
 * loop stays simple and branch-light).
 */
import type { Assembler, Label } from "./x86/encoder.js";
import { Cond, Reg } from "./x86/registers.js";

export function emitUnsignedDivide(asm: Assembler, entry: Label): void {
  asm.bind(entry);
  const wide = asm.newLabel();
  const oneStep = asm.newLabel();
  asm.test(32, Reg.ebx, Reg.ebx);
  asm.jcc(Cond.ne, wide);
  asm.alu("cmp", 32, Reg.edx, Reg.ecx);
  asm.jcc(Cond.b, oneStep);
  asm.mov(32, Reg.esi, Reg.eax);
  asm.mov(32, Reg.eax, Reg.edx);
  asm.alu("xor", 32, Reg.edx, Reg.edx);
  asm.unary("div", 32, Reg.ecx);
  asm.mov(32, Reg.edi, Reg.eax);
  asm.mov(32, Reg.eax, Reg.esi);
  asm.unary("div", 32, Reg.ecx);
  asm.mov(32, Reg.ecx, Reg.edx);
  asm.mov(32, Reg.edx, Reg.edi);
  asm.alu("xor", 32, Reg.ebx, Reg.ebx);
  asm.ret();
  asm.bind(oneStep);
  asm.unary("div", 32, Reg.ecx);
  asm.mov(32, Reg.ecx, Reg.edx);
  asm.alu("xor", 32, Reg.edx, Reg.edx);
  asm.alu("xor", 32, Reg.ebx, Reg.ebx);
  asm.ret();
  asm.bind(wide);
  emitShiftSubtract(asm);
}

/** Remainder in edi:esi, quotient bits shifted into edx:eax; ebp counts the 64 steps. */
function emitShiftSubtract(asm: Assembler): void {
  const loop = asm.newLabel();
  const subtract = asm.newLabel();
  const next = asm.newLabel();
  asm.alu("xor", 32, Reg.esi, Reg.esi);
  asm.alu("xor", 32, Reg.edi, Reg.edi);
  asm.push(Reg.ebp);
  asm.mov(32, Reg.ebp, { value: 64 });
  asm.bind(loop);
  asm.shift("shl", 32, Reg.eax, 1);
  asm.shift("rcl", 32, Reg.edx, 1);
  asm.shift("rcl", 32, Reg.esi, 1);
  asm.shift("rcl", 32, Reg.edi, 1);
  asm.jcc(Cond.b, subtract, true);
  asm.alu("cmp", 32, Reg.edi, Reg.ebx);
  asm.jcc(Cond.b, next, true);
  asm.jcc(Cond.a, subtract, true);
  asm.alu("cmp", 32, Reg.esi, Reg.ecx);
  asm.jcc(Cond.b, next, true);
  asm.bind(subtract);
  asm.alu("sub", 32, Reg.esi, Reg.ecx);
  asm.alu("sbb", 32, Reg.edi, Reg.ebx);
  asm.alu("or", 32, Reg.eax, { value: 1 });
  asm.bind(next);
  asm.alu("sub", 32, Reg.ebp, { value: 1 });
  asm.jcc(Cond.ne, loop);
  asm.pop(Reg.ebp);
  asm.mov(32, Reg.ecx, Reg.esi);
  asm.mov(32, Reg.ebx, Reg.edi);
  asm.ret();
}

function negatePair(asm: Assembler, low: Reg, high: Reg): void {
  asm.unary("neg", 32, low);
  asm.alu("adc", 32, high, { value: 0 });
  asm.unary("neg", 32, high);
}

/** Signed: divide magnitudes, then negate the quotient if the signs differ, the remainder if the dividend was negative. */
export function emitSignedDivide(asm: Assembler, entry: Label, unsigned: Label): void {
  asm.bind(entry);
  const dividendPositive = asm.newLabel();
  const divisorPositive = asm.newLabel();
  const remainderDone = asm.newLabel();
  const quotientDone = asm.newLabel();
  asm.mov(32, Reg.esi, Reg.edx);
  asm.alu("xor", 32, Reg.esi, Reg.ebx);
  asm.push(Reg.esi);
  asm.push(Reg.edx);
  asm.test(32, Reg.edx, Reg.edx);
  asm.jcc(Cond.ns, dividendPositive, true);
  negatePair(asm, Reg.eax, Reg.edx);
  asm.bind(dividendPositive);
  asm.test(32, Reg.ebx, Reg.ebx);
  asm.jcc(Cond.ns, divisorPositive, true);
  negatePair(asm, Reg.ecx, Reg.ebx);
  asm.bind(divisorPositive);
  asm.callLabel(unsigned);
  asm.pop(Reg.esi);
  asm.test(32, Reg.esi, Reg.esi);
  asm.jcc(Cond.ns, remainderDone, true);
  negatePair(asm, Reg.ecx, Reg.ebx);
  asm.bind(remainderDone);
  asm.pop(Reg.esi);
  asm.test(32, Reg.esi, Reg.esi);
  asm.jcc(Cond.ns, quotientDone, true);
  negatePair(asm, Reg.eax, Reg.edx);
  asm.bind(quotientDone);
  asm.ret();
}
