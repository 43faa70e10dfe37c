/**
 * The kernel heap behind kmalloc/kfree, in guest memory.
 *
 * The same algorithm as the native harness (test/helpers/native-harness.c), so a module runs
 * out of heap at the same request under both: each block has an 8-byte header in guest memory
 * just below the pointer returned, `[size, next_free]`; sizes round up to 8; kmalloc takes the
 * first block on the free list that is big enough (no splitting), else carves a new block from
 * the top of the heap; kfree pushes the block on the front of the free list. The list head is
 * kernel state (host side). Only pointers into the heap are accepted by kfree, and walks of the
 * list are bounded: a module that corrupts a header gets a kernel panic, not a hung kernel.
 */
import type { Memory } from "../emu/memory.js";
import type { Region } from "./layout.js";
import { KernelPanic } from "./panic.js";
import { hex } from "../emu/memory.js";

const HEADER = 8;

export class Heap {
  private used = 0;
  private freeList = 0;
  /** Largest `used` seen, for statistics. */
  peakBytes = 0;

  constructor(
    private readonly memory: Memory,
    readonly region: Region,
  ) {}

  allocate(size: number): number {
    size >>>= 0;
    if (size === 0 || size > this.region.size) return 0;
    const rounded = (size + 7) & ~7;
    let link = 0;
    let block = this.freeList;
    for (let steps = 0; block !== 0; steps++) {
      this.checkBlock(block, steps);
      const next = this.memory.peek32(block + 4) >>> 0;
      if (this.memory.peek32(block) >>> 0 >= rounded) {
        if (link === 0) this.freeList = next;
        else this.memory.poke32(link + 4, next);
        return block + HEADER;
      }
      link = block;
      block = next;
    }
    if (this.region.size - this.used < rounded + HEADER) return 0;
    const fresh = this.region.base + this.used;
    this.memory.poke32(fresh, rounded);
    this.used += rounded + HEADER;
    this.peakBytes = Math.max(this.peakBytes, this.used);
    return fresh + HEADER;
  }

  free(pointer: number): void {
    pointer >>>= 0;
    if (pointer === 0) return;
    const block = pointer - HEADER;
    if (block < this.region.base || block >= this.region.base + this.used || (block - this.region.base) % 8 !== 0) {
      throw new KernelPanic("heap", `kfree(0x${hex(pointer)}): not a block from kmalloc`);
    }
    this.memory.poke32(block + 4, this.freeList);
    this.freeList = block;
  }

  private checkBlock(block: number, steps: number): void {
    const inside = block >= this.region.base && block < this.region.base + this.used;
    if (!inside || steps > this.used / HEADER) {
      throw new KernelPanic("heap", `heap corrupted: free list reaches 0x${hex(block)}`);
    }
  }
}
