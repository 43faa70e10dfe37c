/**
 * The disk as BareFlow's kernel sees it: a block device answering 512-byte sector reads.
 *
 * The image file is opened once and read a sector at a time with `fs.readSync`; the image is
 * never loaded whole, so a 2 GiB image costs what the FAT driver actually touches. Sectors past
 * the end of the file read as an InputError (a truncated image), as a disk would fail the read.
 * `sectorsRead` counts reads for `mkimg run --stats`.
 */
import { closeSync, fstatSync, readSync } from "node:fs";
import { InputError } from "../errors.js";
import { SECTOR_SIZE } from "../disk/device.js";
import { openForReading } from "../fat/reader.js";


export class SectorDevice {
  /** Sectors in the image (a partial last sector counts as a whole one). */
  readonly sectorCount: number;
  readonly sizeBytes: number;
  sectorsRead = 0;
  private descriptor: number | undefined;

  constructor(readonly file: string) {
    this.descriptor = openForReading(file);
    this.sizeBytes = fstatSync(this.descriptor).size;
    this.sectorCount = Math.ceil(this.sizeBytes / SECTOR_SIZE);
  }

  /** The 512 bytes of sector `lba` (zero-filled past the end of a partial last sector). */
  readSector(lba: number): Uint8Array {
    if (this.descriptor === undefined) throw new Error(`${this.file}: sector device is closed`);
    if (!Number.isInteger(lba) || lba < 0 || lba >= this.sectorCount) {
      throw new InputError(this.file, `sector ${lba} is past the end of the image (${this.sectorCount} sectors)`, lba * SECTOR_SIZE);
    }
    const sector = new Uint8Array(SECTOR_SIZE);
    readSync(this.descriptor, sector, 0, SECTOR_SIZE, lba * SECTOR_SIZE);
    this.sectorsRead++;
    return sector;
  }

  close(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
  }
}
