/**
 * The JIT allocator: hands out guest memory from three pools the kernel reserved at boot.
 *
 * - code pool (read + execute): function bodies, stubs and runtime routines, profiler trampolines;
 * - data pool (read + write): the module's globals, call slots and jump tables;
 * - metadata pool (read + write): the kernel's function table (see kernel.ts).
 *
 * Bump allocation (modules are loaded once and never unloaded). A request that does not fit is
 * not an error of the module file but of the machine: it throws `KernelPanic` ("out of memory
 * in the code pool: ..."), which the kernel reports as a panic. Nothing is written short. The
 * JIT asks `checkData` as its data grows, so globals too large for the pool are refused before
 * the host allocates their bytes.
 */
import type { JitTarget } from "../jit/module.js";
import type { AddressLayout, Region } from "./layout.js";
import { KernelPanic } from "./panic.js";

export type PoolName = "code" | "data" | "metadata";

const CODE_ALIGN = 16;

export class Pool {
  private used = 0;

  constructor(readonly name: PoolName, readonly region: Region) {}

  get bytesUsed(): number {
    return this.used;
  }

  allocate(size: number, align: number): number {
    const start = this.check(size, align);
    this.used = start + size;
    return this.region.base + start;
  }

  /** Where `size` bytes would start; a KernelPanic if they do not fit. Allocates nothing. */
  check(size: number, align: number): number {
    const start = Math.ceil(this.used / align) * align;
    if (start + size > this.region.size) {
      throw new KernelPanic(
        "out-of-memory",
        `out of memory in the ${this.name} pool: ${size} bytes requested, ` +
          `${Math.max(this.region.size - start, 0)} of ${this.region.size} free (raise --${this.name}-pool)`,
      );
    }
    return start;
  }
}

export class JitAllocator {
  readonly code: Pool;
  readonly data: Pool;
  readonly metadata: Pool;

  constructor(layout: AddressLayout) {
    this.code = new Pool("code", layout.code);
    this.data = new Pool("data", layout.data);
    this.metadata = new Pool("metadata", layout.metadata);
  }

  /** The JitTarget the JIT compiles against: its pools plus `resolveExternal`. */
  target(resolveExternal: (name: string) => number | undefined): JitTarget {
    return {
      allocateCode: (size) => this.code.allocate(size, CODE_ALIGN),
      allocateData: (size, align) => this.data.allocate(size, Math.max(align, 1)),
      // The module's data is placed in one piece, aligned to 16 (jit/module.ts).
      checkData: (size) => void this.data.check(size, 16),
      resolveExternal,
    };
  }
}
