/**
 * The transaction's view of a volume: sectors written during the transaction are kept in
 * memory (and read back from there); nothing reaches the image until `runs()` is committed
 * through the journal. Clean single-sector reads (FAT, directories: FatFs's window) are cached,
 * since FatFs rereads the same metadata sectors many times while it adds many files.
 */
import type { SectorStore } from "../fat/fatfs-driver.js";
import { SECTOR_SIZE, type SectorDevice } from "./device.js";
import type { Run } from "./journal.js";

const CACHE_LIMIT = 8192;

export class SectorOverlay implements SectorStore {
  readonly sectorCount: number;
  private readonly dirty = new Map<number, Uint8Array>();
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
    if (this.dirty.size === 0) return;
    for (let index = 0; index < count; index++) {
      const sector = this.dirty.get(lba + index);
      if (sector !== undefined) into.set(sector, index * SECTOR_SIZE);
    }
  }

  private readOne(lba: number, into: Uint8Array): void {
    const known = this.dirty.get(lba) ?? this.clean.get(lba);
    if (known !== undefined) return into.set(known);
    this.device.read(lba, into);
    if (this.clean.size >= CACHE_LIMIT) this.clean.clear();
    this.clean.set(lba, into.slice());
  }

  write(lba: number, data: Uint8Array): void {
    if (!this.writable) throw new Error("internal error: write to a volume opened read-only");
    const count = data.length / SECTOR_SIZE;
    this.checkRange(lba, count);
    for (let index = 0; index < count; index++) {
      this.dirty.set(lba + index, data.slice(index * SECTOR_SIZE, (index + 1) * SECTOR_SIZE));
      this.clean.delete(lba + index);
    }
  }

  get dirtySectors(): number {
    return this.dirty.size;
  }

  /** The written sectors as runs of consecutive sectors, by position in the image file. */
  runs(): Run[] {
    const lbas = [...this.dirty.keys()].sort((a, b) => a - b);
    const runs: Run[] = [];
    for (let start = 0; start < lbas.length; ) {
      let end = start + 1;
      while (end < lbas.length && lbas[end] === lbas[end - 1]! + 1) end++;
      const data = new Uint8Array((end - start) * SECTOR_SIZE);
      for (let index = start; index < end; index++) data.set(this.dirty.get(lbas[index]!)!, (index - start) * SECTOR_SIZE);
      runs.push({ position: this.device.offset + lbas[start]! * SECTOR_SIZE, data });
      start = end;
    }
    return runs;
  }

  private checkRange(lba: number, count: number): void {
    if (lba < 0 || lba + count > this.sectorCount) {
      throw new Error(`internal error: sectors ${lba}..${lba + count - 1} outside the volume (${this.sectorCount})`);
    }
  }
}
