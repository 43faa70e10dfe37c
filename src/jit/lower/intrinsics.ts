/**
 * The `llvm.*` intrinsics clang emits for freestanding i386 C, expanded inline: memory
 * (memcpy/memset/memmove as `rep movsb`/`rep stosb`), bit operations (abs, bswap, fshl/fshr,
 * ctlz/cttz/ctpop), min/max, saturating subtract/add, traps (ud2), varargs, stack save and
 * restore, and the no-ops (lifetime, debug info, assume). The table is keyed by the name
 * without its type suffixes (`llvm.memcpy.p0i8.p0i8.i32` -> `llvm.memcpy`).
 */
import type { CallInstruction, Function, Value } from "../../ir/index.js";
import { Cond, Reg } from "../x86/registers.js";
import type { FunctionCompiler } from "./context.js";
import { compare64, loadPair } from "./integer64.js";
import { predicateTable } from "./integer.js";
import { variadicArea } from "./calls.js";
import { elementAt } from "./aggregate.js";
import { offsetMem } from "../x86/operands.js";

type Expansion = (c: FunctionCompiler, call: CallInstruction, args: Value[], bits: number) => void;

const nothing: Expansion = () => {};

function memoryCopy(c: FunctionCompiler, args: Value[]): void {
  c.load(Reg.edi, args[0]!);
  c.load(Reg.esi, args[1]!);
  c.load(Reg.ecx, args[2]!);
}

const memcpy: Expansion = (c, _call, args) => {
  memoryCopy(c, args);
  c.mir.repMovsb();
};

const memmove: Expansion = (c, _call, args) => {
  memoryCopy(c, args);
  const forward = c.mir.newLabel();
  const done = c.mir.newLabel();
  c.mir.alu("cmp", 32, Reg.edi, Reg.esi);
  c.mir.jcc(Cond.be, forward, true);
  c.mir.lea(Reg.esi, { base: Reg.esi, index: Reg.ecx, scale: 1, disp: -1 });
  c.mir.lea(Reg.edi, { base: Reg.edi, index: Reg.ecx, scale: 1, disp: -1 });
  c.mir.std();
  c.mir.repMovsb();
  c.mir.cld();
  c.mir.jmp(done, true);
  c.mir.bind(forward);
  c.mir.repMovsb();
  c.mir.bind(done);
};

const memset: Expansion = (c, _call, args) => {
  c.load(Reg.edi, args[0]!);
  c.load(Reg.eax, args[1]!);
  c.load(Reg.ecx, args[2]!);
  c.mir.repStosb();
};

const trap: Expansion = (c) => c.mir.ud2();

/** The first argument unchanged (llvm.expect, llvm.ptr.annotation...). */
const passThrough: Expansion = (c, call, args, bits) => {
  c.load(Reg.eax, args[0]!);
  if (bits > 32) c.load(Reg.edx, args[0]!, 1);
  c.storeResult(call, bits > 32);
};

const abs: Expansion = (c, call, args, bits) => {
  if (bits > 32) {
    loadPair(c, args[0]!, Reg.eax, Reg.edx, bits, true);
    const done = c.mir.newLabel();
    c.mir.test(32, Reg.edx, Reg.edx);
    c.mir.jcc(Cond.ns, done, true);
    c.mir.unary("neg", 32, Reg.eax);
    c.mir.alu("adc", 32, Reg.edx, { value: 0 });
    c.mir.unary("neg", 32, Reg.edx);
    c.mir.bind(done);
    c.storeResult(call, true);
    return;
  }
  c.loadExtended(Reg.eax, args[0]!, bits, true);
  c.mir.cdq();
  c.mir.alu("xor", 32, Reg.eax, Reg.edx);
  c.mir.alu("sub", 32, Reg.eax, Reg.edx);
  c.store(call, Reg.eax);
};

const bswap: Expansion = (c, call, args, bits) => {
  if (bits === 64) {
    c.load(Reg.edx, args[0]!);
    c.load(Reg.eax, args[0]!, 1);
    c.mir.bswap(Reg.eax);
    c.mir.bswap(Reg.edx);
    c.storeResult(call, true);
    return;
  }
  c.load(Reg.eax, args[0]!);
  if (bits === 16) c.mir.shift("rol", 16, Reg.eax, 8);
  else if (bits === 32) c.mir.bswap(Reg.eax);
  else c.refuse(call, `bswap of i${bits}`);
  c.store(call, Reg.eax);
};

/** fshl(a, b, n) = (a << n%w) | (b >> (w - n%w)); fshr(a, b, n) = (b >> n%w) | (a << (w - n%w)). */
function funnel(left: boolean): Expansion {
  return (c, call, args, bits) => {
    const [high, low, amount] = args as [Value, Value, Value];
    if (bits !== 32 && bits !== 16 && bits !== 8) c.refuse(call, `funnel shift of i${bits}`);
    c.loadExtended(Reg.ecx, amount, bits, false);
    if (bits !== 32) c.mir.alu("and", 32, Reg.ecx, { value: bits - 1 });
    if (bits === 32) {
      c.load(left ? Reg.eax : Reg.edx, high);
      c.load(left ? Reg.edx : Reg.eax, low);
      c.mir.doubleShift(left, Reg.eax, Reg.edx, "cl");
    } else {
      // (high:low) as one 2w-bit value in eax, shifted, then the right w bits taken.
      c.load(Reg.eax, high);
      c.mir.shift("shl", 32, Reg.eax, bits);
      c.loadExtended(Reg.edx, low, bits, false);
      c.mir.alu("or", 32, Reg.eax, Reg.edx);
      if (left) {
        c.mir.shift("shl", 32, Reg.eax, "cl");
        c.mir.shift("shr", 32, Reg.eax, bits);
      } else {
        c.mir.shift("shr", 32, Reg.eax, "cl");
      }
    }
    c.store(call, Reg.eax);
  };
}

function minMax(predicate: "ult" | "ugt" | "slt" | "sgt"): Expansion {
  return (c, call, args, bits) => {
    const [left, right] = args as [Value, Value];
    const keep = c.mir.newLabel();
    if (bits > 32) {
      const cond = compare64(c, predicate, left, right, bits);
      loadPair(c, left, Reg.eax, Reg.edx, bits, predicate[0] === "s");
      c.mir.jcc(cond, keep, true);
      loadPair(c, right, Reg.eax, Reg.edx, bits, predicate[0] === "s");
      c.mir.bind(keep);
      c.storeResult(call, true);
      return;
    }
    const { cond, signed } = predicateTable[predicate];
    c.loadExtended(Reg.eax, left, bits, signed);
    c.loadExtended(Reg.ecx, right, bits, signed);
    c.mir.alu("cmp", 32, Reg.eax, Reg.ecx);
    c.mir.jcc(cond, keep, true);
    c.mir.mov(32, Reg.eax, Reg.ecx);
    c.mir.bind(keep);
    c.store(call, Reg.eax);
  };
}

const usubSat: Expansion = (c, call, args, bits) => {
  if (bits > 32) c.refuse(call, `saturating arithmetic on i${bits}`);
  c.loadExtended(Reg.eax, args[0]!, bits, false);
  c.loadExtended(Reg.ecx, args[1]!, bits, false);
  const done = c.mir.newLabel();
  c.mir.alu("sub", 32, Reg.eax, Reg.ecx);
  c.mir.jcc(Cond.ae, done, true);
  c.mir.alu("xor", 32, Reg.eax, Reg.eax);
  c.mir.bind(done);
  c.store(call, Reg.eax);
};

const uaddSat: Expansion = (c, call, args, bits) => {
  if (bits > 32) c.refuse(call, `saturating arithmetic on i${bits}`);
  c.loadExtended(Reg.eax, args[0]!, bits, false);
  c.loadExtended(Reg.ecx, args[1]!, bits, false);
  const done = c.mir.newLabel();
  const limit = bits === 32 ? -1 : (1 << bits) - 1;
  c.mir.alu("add", 32, Reg.eax, Reg.ecx);
  if (bits === 32) c.mir.jcc(Cond.ae, done, true);
  else {
    c.mir.alu("cmp", 32, Reg.eax, { value: limit });
    c.mir.jcc(Cond.be, done, true);
  }
  c.mir.mov(32, Reg.eax, { value: limit });
  c.mir.bind(done);
  c.store(call, Reg.eax);
};

/** ctlz/cttz: bsr/bsf on the zero-extended value; a zero input gives the width. */
/** The pair version: scan the word that decides first, else the other one plus 32. */
function countZeros64(c: FunctionCompiler, call: CallInstruction, value: Value, bits: number, leading: boolean): void {
  loadPair(c, value, Reg.eax, Reg.edx, bits, false);
  const [first, second] = leading ? [Reg.edx, Reg.eax] : [Reg.eax, Reg.edx];
  const other = c.mir.newLabel();
  const zero = c.mir.newLabel();
  const done = c.mir.newLabel();
  c.mir.test(32, first, first);
  c.mir.jcc(Cond.e, other, true);
  c.mir.bitScan(!leading, Reg.ecx, first);
  if (leading) c.mir.alu("xor", 32, Reg.ecx, { value: 31 });
  c.mir.jmp(done, true);
  c.mir.bind(other);
  c.mir.test(32, second, second);
  c.mir.jcc(Cond.e, zero, true);
  c.mir.bitScan(!leading, Reg.ecx, second);
  if (leading) c.mir.alu("xor", 32, Reg.ecx, { value: 31 });
  c.mir.alu("add", 32, Reg.ecx, { value: 32 });
  c.mir.jmp(done, true);
  c.mir.bind(zero);
  c.mir.mov(32, Reg.ecx, { value: leading ? 64 : bits });
  c.mir.bind(done);
  if (leading && bits < 64) c.mir.alu("sub", 32, Reg.ecx, { value: 64 - bits });
  c.mir.mov(32, Reg.eax, Reg.ecx);
  c.mir.mov(32, Reg.edx, { value: 0 });
  c.storeResult(call, true);
}

function countZeros(leading: boolean): Expansion {
  return (c, call, args, bits) => {
    if (bits > 32) return countZeros64(c, call, args[0]!, bits, leading);
    c.loadExtended(Reg.ecx, args[0]!, bits, false);
    const zero = c.mir.newLabel();
    const done = c.mir.newLabel();
    c.mir.test(32, Reg.ecx, Reg.ecx);
    c.mir.jcc(Cond.e, zero, true);
    c.mir.bitScan(!leading, Reg.eax, Reg.ecx);
    if (leading) {
      c.mir.alu("xor", 32, Reg.eax, { value: 31 });
      if (bits < 32) c.mir.alu("sub", 32, Reg.eax, { value: 32 - bits });
    }
    c.mir.jmp(done, true);
    c.mir.bind(zero);
    c.mir.mov(32, Reg.eax, { value: bits });
    c.mir.bind(done);
    c.store(call, Reg.eax);
  };
}

/** Population count of eax (SWAR), result in eax; clobbers ecx. */
function popcount32(c: FunctionCompiler): void {
  const mir = c.mir;
  mir.mov(32, Reg.ecx, Reg.eax);
  mir.shift("shr", 32, Reg.ecx, 1);
  mir.alu("and", 32, Reg.ecx, { value: 0x55555555 });
  mir.alu("sub", 32, Reg.eax, Reg.ecx);
  mir.mov(32, Reg.ecx, Reg.eax);
  mir.shift("shr", 32, Reg.ecx, 2);
  mir.alu("and", 32, Reg.eax, { value: 0x33333333 });
  mir.alu("and", 32, Reg.ecx, { value: 0x33333333 });
  mir.alu("add", 32, Reg.eax, Reg.ecx);
  mir.mov(32, Reg.ecx, Reg.eax);
  mir.shift("shr", 32, Reg.ecx, 4);
  mir.alu("add", 32, Reg.eax, Reg.ecx);
  mir.alu("and", 32, Reg.eax, { value: 0x0f0f0f0f });
  mir.imul(Reg.eax, Reg.eax, 0x01010101);
  mir.shift("shr", 32, Reg.eax, 24);
}

const ctpop: Expansion = (c, call, args, bits) => {
  if (bits > 32) {
    loadPair(c, args[0]!, Reg.eax, Reg.edx, bits, false);
    c.mir.push(Reg.edx);
    popcount32(c);
    c.mir.pop(Reg.edx);
    c.mir.push(Reg.eax);
    c.mir.mov(32, Reg.eax, Reg.edx);
    popcount32(c);
    c.mir.pop(Reg.edx);
    c.mir.alu("add", 32, Reg.eax, Reg.edx);
    c.mir.alu("xor", 32, Reg.edx, Reg.edx);
    c.storeResult(call, true);
    return;
  }
  c.loadExtended(Reg.eax, args[0]!, bits, false);
  popcount32(c);
  c.store(call, Reg.eax);
};

const vaStart: Expansion = (c, _call, args) => {
  c.mir.lea(Reg.eax, variadicArea(c));
  c.load(Reg.ecx, args[0]!);
  c.mir.mov(32, { base: Reg.ecx, disp: 0 }, Reg.eax);
};

const vaCopy: Expansion = (c, _call, args) => {
  c.load(Reg.ecx, args[1]!);
  c.mir.mov(32, Reg.eax, { base: Reg.ecx, disp: 0 });
  c.load(Reg.ecx, args[0]!);
  c.mir.mov(32, { base: Reg.ecx, disp: 0 }, Reg.eax);
};

/** {iN, i1} = llvm.[su](add|sub|mul).with.overflow: the wrapped result and whether it overflowed. */
function withOverflow(operation: "add" | "sub" | "mul", signed: boolean): Expansion {
  return (c, call, args, bits) => {
    const [left, right] = args as [Value, Value];
    const flagOffset = elementAt(c, call.type, [1]).offset;
    if (bits > 32) {
      if (operation === "mul" || bits !== 64) return c.refuse(call, `${operation} with overflow of i${bits}`);
      c.load(Reg.eax, left);
      c.load(Reg.edx, left, 1);
      c.mir.alu(operation, 32, Reg.eax, c.operand(right, Reg.ecx));
      c.mir.alu(operation === "add" ? "adc" : "sbb", 32, Reg.edx, c.operand(right, Reg.ebx, 1));
      c.mir.setcc(signed ? Cond.o : Cond.b, Reg.ecx);
      c.mir.mov(32, c.result(call), Reg.eax);
      c.mir.mov(32, c.result(call, 1), Reg.edx);
    } else if (bits === 32) {
      c.load(Reg.eax, left);
      if (operation === "mul" && !signed) {
        c.load(Reg.ecx, right);
        c.mir.unary("mul", 32, Reg.ecx);
      } else if (operation === "mul") {
        c.load(Reg.ecx, right);
        c.mir.imul(Reg.eax, Reg.ecx);
      } else {
        c.mir.alu(operation as "add" | "sub", 32, Reg.eax, c.operand(right, Reg.ecx));
      }
      c.mir.setcc(signed ? Cond.o : Cond.b, Reg.ecx);
      c.mir.mov(32, c.result(call), Reg.eax);
    } else {
      narrowWithOverflow(c, operation, signed, left, right, bits);
      c.mir.mov(32, c.result(call), Reg.eax);
    }
    c.mir.alu("and", 32, Reg.ecx, { value: 1 });
    c.mir.mov(8, offsetMem(c.resultMemory(call), flagOffset), Reg.ecx);
  };
}

/** i8/i16: the exact result in 32 bits, overflow when it does not survive a round trip to N bits. */
function narrowWithOverflow(c: FunctionCompiler, operation: "add" | "sub" | "mul", signed: boolean, left: Value, right: Value, bits: number): void {
  c.loadExtended(Reg.eax, left, bits, signed);
  c.loadExtended(Reg.ecx, right, bits, signed);
  if (operation === "mul") c.mir.imul(Reg.eax, Reg.ecx);
  else c.mir.alu(operation, 32, Reg.eax, Reg.ecx);
  c.mir.mov(32, Reg.edx, Reg.eax);
  c.extend(Reg.edx, bits, signed);
  c.mir.alu("cmp", 32, Reg.edx, Reg.eax);
  c.mir.setcc(Cond.ne, Reg.ecx);
}

const stackSave: Expansion = (c, call) => c.store(call, Reg.esp);
const stackRestore: Expansion = (c, _call, args) => c.load(Reg.esp, args[0]!);

const expansions: Record<string, Expansion> = {
  "llvm.memcpy": memcpy, "llvm.memcpy.inline": memcpy, "llvm.memmove": memmove, "llvm.memset": memset,
  "llvm.lifetime.start": nothing, "llvm.lifetime.end": nothing, "llvm.dbg.declare": nothing,
  "llvm.dbg.value": nothing, "llvm.dbg.label": nothing, "llvm.assume": nothing, "llvm.va_end": nothing,
  "llvm.experimental.noalias.scope.decl": nothing, "llvm.invariant.start": nothing, "llvm.invariant.end": nothing,
  "llvm.sideeffect": nothing, "llvm.donothing": nothing,
  "llvm.trap": trap, "llvm.ubsantrap": trap, "llvm.debugtrap": trap,
  "llvm.expect": passThrough, "llvm.expect.with.probability": passThrough, "llvm.ptr.annotation": passThrough,
  "llvm.launder.invariant.group": passThrough, "llvm.strip.invariant.group": passThrough,
  "llvm.abs": abs, "llvm.bswap": bswap, "llvm.fshl": funnel(true), "llvm.fshr": funnel(false),
  "llvm.umin": minMax("ult"), "llvm.umax": minMax("ugt"), "llvm.smin": minMax("slt"), "llvm.smax": minMax("sgt"),
  "llvm.usub.sat": usubSat, "llvm.uadd.sat": uaddSat,
  "llvm.ctlz": countZeros(true), "llvm.cttz": countZeros(false), "llvm.ctpop": ctpop,
  "llvm.sadd.with.overflow": withOverflow("add", true), "llvm.uadd.with.overflow": withOverflow("add", false),
  "llvm.ssub.with.overflow": withOverflow("sub", true), "llvm.usub.with.overflow": withOverflow("sub", false),
  "llvm.smul.with.overflow": withOverflow("mul", true), "llvm.umul.with.overflow": withOverflow("mul", false),
  "llvm.va_start": vaStart, "llvm.va_copy": vaCopy, "llvm.stacksave": stackSave, "llvm.stackrestore": stackRestore,
};

/** `llvm.memcpy.p0i8.p0i8.i32` -> the expansion for `llvm.memcpy` (longest known prefix). */
function findExpansion(name: string): Expansion | undefined {
  let key = name;
  for (;;) {
    const expansion = expansions[key];
    if (expansion !== undefined) return expansion;
    const dot = key.lastIndexOf(".");
    if (dot <= 4) return undefined;
    key = key.slice(0, dot);
  }
}

export function lowerIntrinsic(c: FunctionCompiler, call: CallInstruction, callee: Function): void {
  const expansion = findExpansion(callee.name);
  if (expansion === undefined) c.refuse(call, "unknown intrinsic");
  const args = call.operands.slice(1);
  const typed = call.type.kind === "int" ? call.type : args[0]?.type;
  const bits = typed?.kind === "int" ? typed.bits : 32;
  if (bits > 64) c.refuse(call, "integers wider than 64 bits");
  expansion(c, call, args, bits);
}
