/**
 * Memory: load, store, getelementptr and alloca. A pointer operand becomes an x86 addressing
 * mode: a static alloca is [ebp+disp], a global or constant GEP an absolute [disp32], a GEP
 * whose only user is this load/store is folded into [esi + edi*scale + disp], anything else is
 * loaded into esi. Accesses of 1, 2, 4 and 8 bytes are single moves; odd sizes (i24, i40..i56)
 * are assembled from smaller ones. Aggregates are copied with `rep movsb`.
 */
import type { AllocaInstruction, GetElementPtrInstruction, Instruction, LoadInstruction, StoreInstruction, Type, Value } from "../../ir/index.js";
import { Reg } from "../x86/registers.js";
import { type Mem, mem, offsetMem } from "../x86/operands.js";
import type { FunctionCompiler } from "./context.js";
import { isMem } from "../mir/mir.js";

/** The addressing mode for a pointer operand; may emit code into esi/edi. */
export function addressOf(c: FunctionCompiler, pointer: Value): Mem {
  const source = c.source(pointer);
  if (source.kind === "addr") return source.mem;
  if (pointer.valueKind === "instruction" && pointer.opcode === "getelementptr" && c.folded.has(pointer)) {
    return gepAddress(c, pointer);
  }
  if (source.kind === "imm") return { disp: source.imm.value, ...(source.imm.symbol ? { symbol: source.imm.symbol } : {}) };
  c.mir.mov(32, Reg.esi, source.rm);
  return mem(Reg.esi);
}

/** Address computed by a GEP: the base folded or in esi, variable indices scaled in edi. */
export function gepAddress(c: FunctionCompiler, gep: GetElementPtrInstruction): Mem {
  let address = addressOf(c, gep.operands[0]!);
  let type: Type = gep.sourceType;
  gep.operands.slice(1).forEach((index, position) => {
    const constant = index.valueKind === "int" ? Number(BigInt.asIntN(32, index.value)) : index.valueKind === "zero" ? 0 : undefined;
    let elementSize: number;
    if (position === 0) {
      elementSize = c.layout.allocSize(type);
    } else if (type.kind === "struct") {
      if (constant === undefined) c.refuse(gep, "variable struct index");
      address = offsetMem(address, c.layout.fieldOffset(type, constant));
      type = type.fields[constant]!;
      return;
    } else if (type.kind === "array") {
      type = type.element;
      elementSize = c.layout.allocSize(type);
    } else {
      return c.refuse(gep, `index into ${type.kind}`);
    }
    if (constant !== undefined) {
      address = offsetMem(address, constant * elementSize);
      return;
    }
    if (address.index !== undefined) {
      c.mir.lea(Reg.esi, address);
      address = mem(Reg.esi);
    }
    address = scaledIndex(c, gep, address, index, elementSize);
  });
  return address;
}

function scaledIndex(c: FunctionCompiler, gep: Instruction, address: Mem, index: Value, size: number): Mem {
  const bits = c.bits(index.type, gep);
  c.loadExtended(Reg.edi, index, Math.min(bits, 32), true);
  if (size === 1 || size === 2 || size === 4 || size === 8) return { ...address, index: Reg.edi, scale: size };
  if (size > 0 && (size & (size - 1)) === 0) c.mir.shift("shl", 32, Reg.edi, Math.log2(size));
  else c.mir.imul(Reg.edi, Reg.edi, size);
  return { ...address, index: Reg.edi, scale: 1 };
}

export function lowerGep(c: FunctionCompiler, gep: GetElementPtrInstruction): void {
  if (c.folded.has(gep)) return;
  if (gep.type.kind === "vector") c.refuse(gep, "vector");
  c.mir.lea(Reg.eax, gepAddress(c, gep));
  c.store(gep, Reg.eax);
}

/** Load `size` (1..4) bytes at `address` into reg, zero-extended; uses ecx for odd sizes. */
function loadBytes(c: FunctionCompiler, reg: Reg, address: Mem, size: number): void {
  if (size === 4) c.mir.mov(32, reg, address);
  else if (size === 2 || size === 1) c.mir.extend(false, reg, size === 2 ? 16 : 8, address);
  else {
    c.mir.extend(false, reg, 16, address);
    c.mir.extend(false, Reg.ecx, 8, offsetMem(address, 2));
    c.mir.shift("shl", 32, Reg.ecx, 16);
    c.mir.alu("or", 32, reg, Reg.ecx);
  }
}

/** Store the low `size` (1..4) bytes of reg (eax or edx) at `address`. */
function storeBytes(c: FunctionCompiler, reg: Reg, address: Mem, size: number): void {
  if (size === 4) c.mir.mov(32, address, reg);
  else if (size === 2) c.mir.mov(16, address, reg);
  else if (size === 1) c.mir.mov(8, address, reg);
  else {
    c.mir.mov(16, address, reg);
    c.mir.mov(32, Reg.ecx, reg);
    c.mir.shift("shr", 32, Reg.ecx, 16);
    c.mir.mov(8, offsetMem(address, 2), Reg.ecx);
  }
}

function isAggregate(type: Type): boolean {
  return type.kind === "struct" || type.kind === "array";
}

export function lowerLoad(c: FunctionCompiler, load: LoadInstruction): void {
  if (c.forwardedLoads.has(load)) return;
  const address = addressOf(c, load.operands[0]!);
  if (isAggregate(load.type)) {
    c.mir.lea(Reg.esi, address);
    copyBytes(c, c.resultMemory(load), c.layout.storeSize(load.type));
    return;
  }
  const size = c.layout.storeSize(load.type);
  c.bits(load.type, load);
  loadBytes(c, Reg.eax, address, Math.min(size, 4));
  if (size > 4) loadBytes(c, Reg.edx, offsetMem(address, 4), size - 4);
  c.storeResult(load, size > 4);
}

export function lowerStore(c: FunctionCompiler, store: StoreInstruction): void {
  const [value, pointer] = store.operands as [Value, Value];
  if (!isAggregate(value.type)) c.load(Reg.eax, value); // first, so a value computed just before needs no slot
  const address = addressOf(c, pointer);
  if (isAggregate(value.type)) {
    c.mir.lea(Reg.edi, address);
    const source = c.source(value);
    if (source.kind !== "rm" || !isMem(source.rm)) return c.refuse(store, "constant aggregate store");
    c.mir.lea(Reg.esi, source.rm);
    c.mir.mov(32, Reg.ecx, { value: c.layout.storeSize(value.type) });
    c.mir.repMovsb();
    return;
  }
  const bits = c.bits(value.type, store);
  const size = c.layout.storeSize(value.type);
  if (bits === 1) c.mir.alu("and", 32, Reg.eax, { value: 1 });
  storeBytes(c, Reg.eax, address, Math.min(size, 4));
  if (size > 4) {
    c.load(Reg.edx, value, 1);
    storeBytes(c, Reg.edx, offsetMem(address, 4), size - 4);
  }
}

/** Copy `size` bytes from [esi] to `target` (an ebp slot). */
function copyBytes(c: FunctionCompiler, target: Mem, size: number): void {
  c.mir.lea(Reg.edi, target);
  c.mir.mov(32, Reg.ecx, { value: size });
  c.mir.repMovsb();
}

/** Dynamic alloca (static ones in the entry block are frame memory): esp -= count*size, aligned. */
export function lowerAlloca(c: FunctionCompiler, alloca: AllocaInstruction): void {
  if (c.frame.addresses.has(alloca)) return;
  const size = c.layout.allocSize(alloca.allocatedType);
  const align = Math.max(alloca.align, 16);
  c.loadExtended(Reg.eax, alloca.operands[0]!, Math.min(c.bits(alloca.operands[0]!.type, alloca), 32), false);
  c.mir.imul(Reg.eax, Reg.eax, size);
  c.mir.alu("add", 32, Reg.eax, { value: align - 1 });
  c.mir.alu("and", 32, Reg.eax, { value: -align });
  c.mir.alu("sub", 32, Reg.esp, Reg.eax);
  c.mir.mov(32, Reg.eax, Reg.esp);
  c.store(alloca, Reg.eax);
}
