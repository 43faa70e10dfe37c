/**
 * Integers wider than 64 bits (up to i1024; csmith's bitfield structs give i72 .. i168), word
 * by word through their slots: load, store, and/or/xor, add/sub (adc/sbb chains), multiply
 * (schoolbook), shifts by a constant (shld/shrd per word), trunc, zext/sext, icmp eq/ne,
 * select, freeze. Anything
 * else on such a value (divide, a variable shift, passing one to a call) is refused.
 * Words above a value's width are undefined in its slot; `word` extends on the way in.
 */
import type { BinaryInstruction, CastInstruction, CompareInstruction, Instruction, LoadInstruction, SelectInstruction, StoreInstruction, Type, Value } from "../../ir/index.js";
import { Cond, Reg } from "../x86/registers.js";
import { offsetMem } from "../x86/operands.js";
import type { AluOp } from "../x86/encoder.js";
import type { FunctionCompiler } from "./context.js";
import { addressOf } from "./memory.js";

export const maximumWideBits = 1024;

function widthOf(type: Type): number {
  return type.kind === "int" ? type.bits : 32;
}

/** True when an instruction has a result or operand wider than 64 bits. */
export function isWide(instruction: Instruction): boolean {
  if (instruction.type.kind === "int" && instruction.type.bits > 64) return true;
  return instruction.operands.some((operand) => operand.type.kind === "int" && operand.type.bits > 64);
}

/**
 * Load word `index` of an integer of `bits` width into `reg`, extended (zero or sign) past the
 * width when `extend` says so: the partial top word is extended, words above it are filled.
 */
function word(c: FunctionCompiler, reg: Reg, value: Value, index: number, bits: number, extend: "zero" | "sign" | "none"): void {
  const top = Math.ceil(bits / 32) - 1;
  if (index <= top) {
    c.load(reg, value, index);
    if (index === top && bits % 32 !== 0 && extend !== "none") c.extend(reg, bits % 32, extend === "sign");
    return;
  }
  if (extend === "sign") {
    c.load(reg, value, top);
    if (bits % 32 !== 0) c.extend(reg, bits % 32, true);
    c.mir.shift("sar", 32, reg, 31);
  } else {
    c.mir.mov(32, reg, { value: 0 });
  }
}

function storeWord(c: FunctionCompiler, instruction: Instruction, reg: Reg, index: number): void {
  c.mir.mov(32, c.result(instruction, index), reg);
}

function lowerLoad(c: FunctionCompiler, load: LoadInstruction): void {
  const address = addressOf(c, load.operands[0]!);
  const size = c.layout.storeSize(load.type);
  for (let index = 0; index * 4 < size; index++) {
    const bytes = Math.min(4, size - index * 4);
    const at = offsetMem(address, index * 4);
    if (bytes === 4) c.mir.mov(32, Reg.eax, at);
    else if (bytes === 3) {
      c.mir.extend(false, Reg.eax, 16, at);
      c.mir.extend(false, Reg.ecx, 8, offsetMem(at, 2));
      c.mir.shift("shl", 32, Reg.ecx, 16);
      c.mir.alu("or", 32, Reg.eax, Reg.ecx);
    } else c.mir.extend(false, Reg.eax, bytes === 2 ? 16 : 8, at);
    storeWord(c, load, Reg.eax, index);
  }
}

function lowerStore(c: FunctionCompiler, store: StoreInstruction): void {
  const [value, pointer] = store.operands as [Value, Value];
  const address = addressOf(c, pointer);
  const size = c.layout.storeSize(value.type);
  for (let index = 0; index * 4 < size; index++) {
    const bytes = Math.min(4, size - index * 4);
    const at = offsetMem(address, index * 4);
    c.load(Reg.eax, value, index);
    if (bytes === 4) c.mir.mov(32, at, Reg.eax);
    else if (bytes >= 2) c.mir.mov(16, at, Reg.eax);
    else c.mir.mov(8, at, Reg.eax);
    if (bytes === 3) {
      c.mir.shift("shr", 32, Reg.eax, 16);
      c.mir.mov(8, offsetMem(at, 2), Reg.eax);
    }
  }
}

const chains: Partial<Record<string, [AluOp, AluOp]>> = {
  and: ["and", "and"], or: ["or", "or"], xor: ["xor", "xor"], add: ["add", "adc"], sub: ["sub", "sbb"],
};

function lowerBinary(c: FunctionCompiler, instruction: BinaryInstruction): void {
  const [left, right] = instruction.operands as [Value, Value];
  const bits = widthOf(instruction.type);
  const words = c.words(instruction.type);
  const chain = chains[instruction.opcode];
  if (chain !== undefined) {
    for (let index = 0; index < words; index++) {
      c.load(Reg.eax, left, index);
      c.mir.alu(index === 0 ? chain[0] : chain[1], 32, Reg.eax, c.operand(right, Reg.ecx, index));
      storeWord(c, instruction, Reg.eax, index);
    }
    return;
  }
  if (instruction.opcode === "mul") {
    multiply(c, instruction, left, right, words);
    return;
  }
  if ((instruction.opcode === "shl" || instruction.opcode === "lshr" || instruction.opcode === "ashr") && right.valueKind === "int") {
    shiftByConstant(c, instruction, left, Number(BigInt.asUintN(32, right.value)), bits);
    return;
  }
  c.refuse(instruction, `${instruction.opcode} of i${bits}`);
}

/** Schoolbook product mod 2^(32*words): result[i+j] += a[i]*b[j], carries in ecx. */
function multiply(c: FunctionCompiler, instruction: Instruction, left: Value, right: Value, words: number): void {
  c.mir.mov(32, Reg.eax, { value: 0 });
  for (let index = 0; index < words; index++) storeWord(c, instruction, Reg.eax, index);
  for (let i = 0; i < words; i++) {
    c.mir.mov(32, Reg.ecx, { value: 0 });
    for (let j = 0; i + j < words; j++) {
      c.load(Reg.eax, left, i);
      c.load(Reg.ebx, right, j);
      c.mir.unary("mul", 32, Reg.ebx);
      c.mir.alu("add", 32, Reg.eax, c.result(instruction, i + j));
      c.mir.alu("adc", 32, Reg.edx, { value: 0 });
      c.mir.alu("add", 32, Reg.eax, Reg.ecx);
      c.mir.alu("adc", 32, Reg.edx, { value: 0 });
      storeWord(c, instruction, Reg.eax, i + j);
      c.mir.mov(32, Reg.ecx, Reg.edx);
    }
  }
}

/** result[i] from source words i-q / i+q and their neighbours, with shld/shrd by r = k % 32. */
function shiftByConstant(c: FunctionCompiler, instruction: BinaryInstruction, value: Value, amount: number, bits: number): void {
  const words = c.words(instruction.type);
  const wordShift = Math.floor(amount / 32);
  const bitShift = amount % 32;
  const extend = instruction.opcode === "ashr" ? "sign" : instruction.opcode === "lshr" ? "zero" : "none";
  for (let index = 0; index < words; index++) {
    if (instruction.opcode === "shl") {
      const from = index - wordShift;
      if (from < 0) c.mir.mov(32, Reg.eax, { value: 0 });
      else word(c, Reg.eax, value, from, bits, "none");
      if (bitShift !== 0) {
        if (from - 1 < 0) c.mir.mov(32, Reg.edx, { value: 0 });
        else word(c, Reg.edx, value, from - 1, bits, "none");
        c.mir.doubleShift(true, Reg.eax, Reg.edx, bitShift);
      }
    } else {
      word(c, Reg.eax, value, index + wordShift, bits, extend);
      if (bitShift !== 0) {
        word(c, Reg.edx, value, index + wordShift + 1, bits, extend);
        c.mir.doubleShift(false, Reg.eax, Reg.edx, bitShift);
      }
    }
    storeWord(c, instruction, Reg.eax, index);
  }
}

function lowerCast(c: FunctionCompiler, instruction: CastInstruction): void {
  const value = instruction.operands[0]!;
  const from = widthOf(value.type);
  if (instruction.opcode !== "trunc" && instruction.opcode !== "zext" && instruction.opcode !== "sext" && instruction.opcode !== "bitcast") {
    c.refuse(instruction, `${instruction.opcode} of i${Math.max(from, widthOf(instruction.type))}`);
  }
  const extend = instruction.opcode === "sext" ? "sign" : instruction.opcode === "zext" ? "zero" : "none";
  for (let index = 0; index < c.words(instruction.type); index++) {
    if (from <= 64 && index < c.words(value.type)) {
      c.load(Reg.eax, value, index);
      const top = c.words(value.type) - 1;
      if (index === top && from % 32 !== 0 && extend !== "none") c.extend(Reg.eax, from % 32, extend === "sign");
    } else if (from <= 64) {
      if (extend === "sign") {
        c.load(Reg.eax, value, c.words(value.type) - 1);
        if (from % 32 !== 0) c.extend(Reg.eax, from % 32, true);
        c.mir.shift("sar", 32, Reg.eax, 31);
      } else c.mir.mov(32, Reg.eax, { value: 0 });
    } else {
      word(c, Reg.eax, value, index, from, extend);
    }
    storeWord(c, instruction, Reg.eax, index);
  }
}

/** eq/ne: or of the xor of every (zero-extended) word pair; returns the condition. */
export function compareWide(c: FunctionCompiler, instruction: CompareInstruction): Cond {
  const [left, right] = instruction.operands as [Value, Value];
  const bits = widthOf(left.type);
  if (instruction.predicate !== "eq" && instruction.predicate !== "ne") c.refuse(instruction, `icmp ${instruction.predicate} of i${bits}`);
  c.mir.mov(32, Reg.ebx, { value: 0 });
  for (let index = 0; index < c.words(left.type); index++) {
    word(c, Reg.eax, left, index, bits, "zero");
    word(c, Reg.ecx, right, index, bits, "zero");
    c.mir.alu("xor", 32, Reg.eax, Reg.ecx);
    c.mir.alu("or", 32, Reg.ebx, Reg.eax);
  }
  c.mir.test(32, Reg.ebx, Reg.ebx);
  return instruction.predicate === "eq" ? Cond.e : Cond.ne;
}

function lowerCompare(c: FunctionCompiler, instruction: CompareInstruction): void {
  if (c.folded.has(instruction)) return;
  c.mir.setcc(compareWide(c, instruction), Reg.eax);
  c.mir.extend(false, Reg.eax, 8, Reg.eax);
  c.store(instruction, Reg.eax);
}

/** select and freeze: copy every word of the chosen value (also for aggregate values). */
export function lowerCopy(c: FunctionCompiler, instruction: Instruction): void {
  const words = c.words(instruction.type);
  const copy = (value: Value): void => {
    for (let index = 0; index < words; index++) {
      c.load(Reg.eax, value, index);
      storeWord(c, instruction, Reg.eax, index);
    }
  };
  if (instruction.opcode !== "select") {
    copy(instruction.operands[0]!);
    return;
  }
  const [condition, ifTrue, ifFalse] = (instruction as SelectInstruction).operands as [Value, Value, Value];
  const chooseFalse = c.mir.newLabel();
  const done = c.mir.newLabel();
  c.load(Reg.ecx, condition);
  c.mir.test(8, Reg.ecx, { value: 1 });
  c.mir.jcc(Cond.e, chooseFalse);
  copy(ifTrue);
  c.mir.jmp(done);
  c.mir.bind(chooseFalse);
  copy(ifFalse);
  c.mir.bind(done);
}

export function lowerWide(c: FunctionCompiler, instruction: Instruction): void {
  const bits = Math.max(widthOf(instruction.type), ...instruction.operands.map((operand) => widthOf(operand.type)));
  if (bits > maximumWideBits) c.refuse(instruction, `integers wider than ${maximumWideBits} bits`);
  switch (instruction.opcode) {
    case "load": lowerLoad(c, instruction); return;
    case "store": lowerStore(c, instruction); return;
    case "trunc": case "zext": case "sext": case "bitcast": lowerCast(c, instruction); return;
    case "icmp": lowerCompare(c, instruction); return;
    case "select": case "freeze": lowerCopy(c, instruction); return;
    case "phi": return;
    default:
      if (instruction.opcode === "add" || instruction.opcode === "sub" || instruction.opcode === "and" || instruction.opcode === "or" ||
          instruction.opcode === "xor" || instruction.opcode === "mul" || instruction.opcode === "shl" || instruction.opcode === "lshr" || instruction.opcode === "ashr") {
        lowerBinary(c, instruction);
        return;
      }
      c.refuse(instruction, `${instruction.opcode} of i${bits}`);
  }
}
