/**
 * The value list of the module being read, in bitcode numbering: globals, functions and aliases
 * in record order, module constants, then (per function, truncated after each) arguments,
 * function constants and instructions with a result.
 *
 * Operands may refer to values not read yet (constants refer to later constants, phis and
 * instructions in blocks laid out out of order refer to later instructions). Such a reference
 * gets a placeholder carrying the expected type; once the block is read, `resolve` swaps each
 * placeholder for the real value, and `checkAllDefined` refuses a reference never defined.
 */
import { sameType, type Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { describeType } from "./describe.js";

/** Stand-in for a value defined later; never escapes the reader. */
export interface ForwardReference {
  readonly valueKind: "forward";
  readonly type: Type;
  readonly id: number;
  /** Bit position of the record that first referred to it, for messages. */
  readonly bit: number;
}

export class ValueTable {
  readonly values: Value[] = [];
  private readonly forward = new Map<number, ForwardReference>();
  /** Set once a placeholder has been handed out and not yet resolved. */
  pendingForward = false;
  /** Set whenever a placeholder is handed out; the caller clears it (to note who holds one). */
  handedOut = false;

  constructor(
    private readonly fail: (what: string, bit?: number) => never,
    private readonly recordStart: () => number,
  ) {}

  get length(): number {
    return this.values.length;
  }

  push(value: Value): void {
    const id = this.values.length;
    this.values.push(value);
    if (this.pendingForward) {
      const placeholder = this.forward.get(id);
      if (placeholder !== undefined && !sameType(placeholder.type, value.type)) {
        this.fail(`value ${id} is used as ${describeType(placeholder.type)} before it is defined as ${describeType(value.type)}`, placeholder.bit);
      }
    }
  }

  /** The value with this id, or a typed placeholder when it is not defined yet. */
  get(id: number, type: Type | undefined): Value {
    const value = this.values[id];
    if (value !== undefined) return value;
    if (type === undefined) this.fail(`value id ${id} is out of range (${this.values.length} values defined)`);
    if (id > 0xffffffff) this.fail(`value id ${id} is out of range`);
    this.handedOut = true;
    let placeholder = this.forward.get(id);
    if (placeholder === undefined) {
      placeholder = { valueKind: "forward", type, id, bit: this.recordStart() };
      this.forward.set(id, placeholder);
      this.pendingForward = true;
    } else if (!sameType(placeholder.type, type)) {
      this.fail(`value id ${id} is used with two types, ${describeType(placeholder.type)} and ${describeType(type)}`);
    }
    return placeholder as unknown as Value;
  }

  /** The defined value for `value` if it is a placeholder (after checkAllDefined). */
  resolve(value: Value): Value {
    const kind: string = value.valueKind;
    if (kind !== "forward") return value;
    return this.values[(value as unknown as ForwardReference).id]!;
  }

  /** Replaces placeholders in an operand array in place. */
  resolveAll(operands: Value[]): void {
    for (let index = 0; index < operands.length; index++) {
      const kind: string = operands[index]!.valueKind;
      if (kind === "forward") operands[index] = this.resolve(operands[index]!);
    }
  }

  /** Refuses references to ids never defined; call before resolving. */
  checkAllDefined(): void {
    for (const [id, placeholder] of this.forward) {
      if (id >= this.values.length) this.fail(`value id ${id} is referenced but never defined (${this.values.length} values)`, placeholder.bit);
    }
  }

  /** Forgets placeholders once resolved. */
  clearForward(): void {
    this.forward.clear();
    this.pendingForward = false;
    this.handedOut = false;
  }

  truncate(length: number): void {
    this.values.length = length;
  }
}
