/**
 * The stack frame of one compiled function (first tier: one stack slot per SSA value).
 *
 *   [ebp+8 ...]     incoming arguments (cdecl: pushed right to left; i64 takes 8 bytes,
 *                   a byval aggregate its size rounded up to 4)
 *   [ebp+4]         return address
 *   [ebp]           caller's ebp
 *   [ebp-4..-12]    saved ebx, esi, edi (callee-saved in i386 cdecl)
 *   below           static allocas of the entry block, then one slot per instruction result
 *                   (4 bytes, 8 for i64, the alloc size for an aggregate)
 *
 * Nothing lives in a register across IR instructions, which keeps lowering simple and
 * linear-time; the next tier replaces this with a register allocator.
 */
import type { Function, Instruction, Type, Value } from "../ir/index.js";
import { findAttribute, paramAttributes } from "../ir/index.js";
import { Layout, roundUp } from "./layout.js";

export const savedRegisterBytes = 12;

export interface Frame {
  /** ebp-relative offset of the slot holding a value (instruction results, scalar arguments). */
  readonly slots: Map<Value, number>;
  /** ebp-relative offset of memory whose address is the value (static allocas, byval arguments). */
  readonly addresses: Map<Value, number>;
  /** Bytes to subtract from esp after saving registers. */
  readonly size: number;
  /** Bytes of declared arguments (where va_start points after). */
  readonly argumentBytes: number;
  /** The function returns through a hidden sret pointer (callee pops it: `ret 4`). */
  readonly sret: boolean;
}

/** The byval type of parameter `index`, if it is passed by value on the stack. */
export function byvalType(attributes: Function["attributes"], index: number): Type | undefined {
  const attribute = findAttribute(paramAttributes(attributes, index), "byval");
  return attribute?.kind === "type" ? attribute.type : undefined;
}

export function valueSlotSize(layout: Layout, type: Type): number {
  return roundUp(Math.max(layout.allocSize(type), 4), 4);
}

function isStaticAlloca(instruction: Instruction, entry: boolean): boolean {
  return entry && instruction.opcode === "alloca" && instruction.operands[0]?.valueKind === "int";
}

export function buildFrame(fn: Function, layout: Layout): Frame {
  const slots = new Map<Value, number>();
  const addresses = new Map<Value, number>();
  let argumentOffset = 8;
  fn.params.forEach((param, index) => {
    const byval = byvalType(fn.attributes, index);
    if (byval !== undefined) {
      addresses.set(param, argumentOffset);
      argumentOffset += roundUp(layout.allocSize(byval), 4);
    } else {
      slots.set(param, argumentOffset);
      argumentOffset += valueSlotSize(layout, param.type);
    }
  });
  let depth = savedRegisterBytes;
  fn.blocks.forEach((block, blockIndex) => {
    for (const instruction of block.instructions) {
      if (instruction.opcode === "alloca" && isStaticAlloca(instruction, blockIndex === 0)) {
        const count = Number((instruction.operands[0] as { value: bigint }).value);
        const size = Math.max(layout.allocSize(instruction.allocatedType) * count, 1);
        depth = roundUp(depth + size, Math.min(Math.max(instruction.align, 4), 16));
        addresses.set(instruction, -depth);
      } else if (instruction.type.kind !== "void") {
        depth += valueSlotSize(layout, instruction.type);
        slots.set(instruction, -depth);
      }
    }
  });
  const sret = findAttribute(paramAttributes(fn.attributes, 0), "sret") !== undefined;
  return { slots, addresses, size: roundUp(depth, 16) - savedRegisterBytes, argumentBytes: argumentOffset - 8, sret };
}
