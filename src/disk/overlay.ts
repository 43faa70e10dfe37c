/**
 * The transaction's view of a volume: sectors written during the transaction are kept in
 * memory (and read back from there); nothing reaches the image until they are committed
 * (src/disk/commit.ts). Dirty sectors live in 1 MiB arena chunks rather than one small array
 * each (adding 1,000 modules writes some 12,000 sectors). Clean single-sector reads (FatFs's
 * window: FAT and directory sectors, reread many times) are cached.
 */
import { SECTOR_SIZE, type SectorDevice, type SectorStore } from "./device.js";
import type { Run } from "./journal.js";

const CACHE_LIMIT = 8192;
const CHUNK_SECTORS = 2048;

/** The transaction's written sectors, split by how the commit must treat them. */
export interface DirtyRuns {
  /** Sectors nothing in the old image refers to: written straight into the image. */
  direct: Run[];
  /** Everything else: written through the journal. */
  journaled: Run[];
}

export class SectorOverlay implements SectorStore {
  readonly sectorCount: number;
  /** lba -> slot in the arena, plus one (0: clean). */
  private readonly dirty = new SlotIndex();
  /** The dirty sectors, in the order they were first written (slot order). */
  private readonly dirtyLbas: number[] = [];
  private readonly chunks: Uint8Array[] = [];
  private readonly clean = new Map<number, Uint8Array>();

  constructor(
    private readonly device: SectorDevice,
    sectorCount: number,
    private readonly writable: boolean,
  ) {
    this.sectorCount = sectorCount;
  }

  read(lba: number, into: Uint8Array): void {
    const count = into.length / SECTOR_SIZE;
    this.checkRange(lba, count);
    if (count === 1) return this.readOne(lba, into);
    this.device.read(lba, into);
    if (this.dirtyLbas.length === 0) return;
    for (let index = 0; index < count; index++) {
      const slot = this.dirty.get(lba + index);
      if (slot !== undefined) into.set(this.slotBytes(slot), index * SECTOR_SIZE);
    }
  }

  private readOne(lba: number, into: Uint8Array): void {
    const slot = this.dirty.get(lba);
    if (slot !== undefined) return into.set(this.slotBytes(slot));
    const known = this.clean.get(lba);
    if (known !== undefined) return into.set(known);
    this.device.read(lba, into);
    if (this.clean.size >= CACHE_LIMIT) this.clean.clear();
    this.clean.set(lba, into.slice());
  }

  write(lba: number, data: Uint8Array): void {
    if (!this.writable) throw new Error("internal error: write to a volume opened read-only");
    const count = data.length / SECTOR_SIZE;
    this.checkRange(lba, count);
    for (let index = 0; index < count; ) {
      const slot = this.slotFor(lba + index);
      // Copy as many sectors as have consecutive slots in the same chunk in one go.
      let end = index + 1;
      while (end < count && (slot + end - index) % CHUNK_SECTORS !== 0 && this.slotFor(lba + end) === slot + end - index) end++;
      const chunk = this.chunks[Math.floor(slot / CHUNK_SECTORS)]!;
      chunk.set(data.subarray(index * SECTOR_SIZE, end * SECTOR_SIZE), (slot % CHUNK_SECTORS) * SECTOR_SIZE);
      index = end;
    }
    if (this.clean.size > 0) for (let index = 0; index < count; index++) this.clean.delete(lba + index);
  }

  /** The arena slot of `lba`, given a new one (at the end) if it has none. */
  private slotFor(lba: number): number {
    let slot = this.dirty.get(lba);
    if (slot === undefined) {
      slot = this.dirtyLbas.length;
      this.dirty.set(lba, slot);
      this.dirtyLbas.push(lba);
      if (slot % CHUNK_SECTORS === 0) this.chunks.push(new Uint8Array(CHUNK_SECTORS * SECTOR_SIZE));
    }
    return slot;
  }

  get dirtySectors(): number {
    return this.dirtyLbas.length;
  }

  /**
   * The written sectors as runs of consecutive sectors (by position in the image file),
   * split into direct and journaled runs by `isDirect(lba)`. A run whose sectors also sit
   * consecutively in one arena chunk (file data, usually) is a view, not a copy.
   */
  runs(isDirect: (lba: number) => boolean = () => false): DirtyRuns {
    const lbas = Float64Array.from(this.dirtyLbas).sort();
    const result: DirtyRuns = { direct: [], journaled: [] };
    for (let start = 0; start < lbas.length; ) {
      const direct = isDirect(lbas[start]!);
      let end = start + 1;
      while (end < lbas.length && lbas[end] === lbas[end - 1]! + 1 && isDirect(lbas[end]!) === direct) end++;
      const run = { position: this.device.offset + lbas[start]! * SECTOR_SIZE, data: this.runBytes(lbas.subarray(start, end)) };
      (direct ? result.direct : result.journaled).push(run);
      start = end;
    }
    return result;
  }

  /** The bytes of consecutive sectors `lbas`: a view into the arena when it can be one. */
  private runBytes(lbas: Float64Array): Uint8Array {
    const first = this.dirty.get(lbas[0]!)!;
    const last = first + lbas.length - 1;
    const sameChunk = Math.floor(first / CHUNK_SECTORS) === Math.floor(last / CHUNK_SECTORS);
    if (sameChunk && lbas.every((lba, index) => this.dirty.get(lba) === first + index)) {
      const chunk = this.chunks[Math.floor(first / CHUNK_SECTORS)]!;
      return chunk.subarray((first % CHUNK_SECTORS) * SECTOR_SIZE, ((last % CHUNK_SECTORS) + 1) * SECTOR_SIZE);
    }
    const bytes = new Uint8Array(lbas.length * SECTOR_SIZE);
    lbas.forEach((lba, index) => bytes.set(this.slotBytes(this.dirty.get(lba)!), index * SECTOR_SIZE));
    return bytes;
  }

  private slotBytes(slot: number): Uint8Array {
    const chunk = this.chunks[Math.floor(slot / CHUNK_SECTORS)]!;
    const at = (slot % CHUNK_SECTORS) * SECTOR_SIZE;
    return chunk.subarray(at, at + SECTOR_SIZE);
  }

  private checkRange(lba: number, count: number): void {
    if (lba < 0 || lba + count > this.sectorCount) {
      throw new Error(`internal error: sectors ${lba}..${lba + count - 1} outside the volume (${this.sectorCount})`);
    }
  }
}

const PAGE_BITS = 12;

/** A sparse map from sector number to arena slot: pages of 4,096 entries, made on first use. */
class SlotIndex {
  private readonly pages = new Map<number, Int32Array>();

  get(lba: number): number | undefined {
    const entry = this.pages.get(lba >>> PAGE_BITS)?.[lba & ((1 << PAGE_BITS) - 1)];
    return entry === undefined || entry === 0 ? undefined : entry - 1;
  }

  set(lba: number, slot: number): void {
    let page = this.pages.get(lba >>> PAGE_BITS);
    if (page === undefined) {
      page = new Int32Array(1 << PAGE_BITS);
      this.pages.set(lba >>> PAGE_BITS, page);
    }
    page[lba & ((1 << PAGE_BITS) - 1)] = slot + 1;
  }
}
