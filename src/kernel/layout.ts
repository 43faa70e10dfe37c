/**
 * The guest address space of the simulated kernel: where each region lives and how big it is.
 *
 *   0x00000000  null page, unmapped (a null pointer access faults)
 *   0x00010000  metadata pool: the kernel's function table (and the profiler's call counters)
 *   then        code pool (read + execute), data pool (read + write), heap, stack
 *   0xFFFF0000  kernel services (emulator service addresses; see services.ts)
 *
 * Regions are placed in that order from 0x00010000, each on a 64 KiB boundary with at least one
 * unmapped 64 KiB gap after it, so running off the end of any region faults. The stack grows
 * down from the top of its region; the gap below it is its guard page.
 */
import { SERVICE_BASE } from "../emu/machine.js";

export interface PoolSizes {
  code: number;
  data: number;
  metadata: number;
  heap: number;
  stack: number;
}

/** The largest pool `mkimg run` accepts (--data-pool 1024M; src/cli/commands/run.ts checks it). */
export const MAX_POOL_SIZE = 1 << 30;

export const DEFAULT_POOL_SIZES: PoolSizes = {
  code: 4 << 20,
  data: 4 << 20,
  metadata: 64 << 10,
  heap: 1 << 20,
  stack: 8 << 20,
};

export interface Region {
  base: number;
  size: number;
}

export interface AddressLayout {
  metadata: Region;
  code: Region;
  data: Region;
  heap: Region;
  stack: Region;
}

const FIRST_REGION = 0x00010000;
const GRANULE = 0x10000;
const ORDER: (keyof AddressLayout)[] = ["metadata", "code", "data", "heap", "stack"];

function roundUp(value: number, granule: number): number {
  return Math.ceil(value / granule) * granule;
}

/** Places the regions; throws RangeError if they do not fit below the service addresses. */
export function planLayout(sizes: PoolSizes): AddressLayout {
  let next = FIRST_REGION;
  const regions: Partial<AddressLayout> = {};
  for (const name of ORDER) {
    const size = sizes[name];
    if (!Number.isInteger(size) || size <= 0) throw new RangeError(`${name} size ${size} is not a positive number of bytes`);
    regions[name] = { base: next, size };
    next = roundUp(next + size, GRANULE) + GRANULE;
  }
  if (next > SERVICE_BASE) throw new RangeError(`the pools need ${next} bytes of address space, more than ${SERVICE_BASE}`);
  return regions as AddressLayout;
}
