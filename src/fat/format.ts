/**
 * The formatter: writes a new FAT16 volume with mkfs.fat 4.2's layout and bytes.
 *
 * For every size, `formatImage(path, { sizeBytes, label, volumeId, createdAt })` gives the same
 * boot sector, FATs and root directory as `mkfs.fat -F 16 -n LABEL -C path KiB` (geometry in
 * geometry.ts): jump EB 3C 90, OEM name "mkfs.fat", drive 0x80, extended signature 0x29, the
 * same dummy boot code, FAT[0] = 0xFFF8, FAT[1] = 0xFFFF, and the label as the first root entry.
 * Only the volume id and the label entry's time depend on when it runs (docs/IMAGES.md):
 * explicit options win, then SOURCE_DATE_EPOCH (the time, and the volume id as its low 32 bits),
 * then the clock. Labels are uppercased (mkfs.fat keeps lowercase and warns).
 *
 * The image file is sparse: it is truncated to the size and only non-zero metadata sectors are
 * written. `formatSectors` returns every metadata sector instead, for callers that write through
 * their own device or journal.
 */
import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { InputError } from "../errors.js";
import { SECTOR_SIZE } from "../disk/device.js";
import { BPB } from "./bootsector.js";
import { encodeDosDateTime, sourceDateEpoch } from "./dostime.js";
import { withFileErrors } from "./file-errors.js";
import { fat16Geometry, type Geometry } from "./geometry.js";

export interface FormatOptions {
  sizeBytes: number;
  /** Up to 11 printable ASCII characters; none gives "NO NAME" and no label entry, as mkfs.fat. */
  label?: string;
  volumeId?: number;
  sectorsPerCluster?: number;
  /** The label entry's time; defaults to SOURCE_DATE_EPOCH, else now. */
  createdAt?: Date;
}

const NO_NAME = "NO NAME    ";
const ATTRIBUTE_VOLUME_LABEL = 0x08;
/** Characters mkfs.fat refuses in a label (validate_volume_label). */
const LABEL_FORBIDDEN = '*?.,;:/\\|+=<>[]"';

/** mkfs.fat's dummy boot code (dosfstools src/mkfs.fat.c, dummy_boot_code): prints a message. */
const BOOT_CODE = Uint8Array.from([
  0x0e, 0x1f, 0xbe, 0x5b, 0x7c, 0xac, 0x22, 0xc0, 0x74, 0x0b, 0x56, 0xb4, 0x0e, 0xbb, 0x07, 0x00,
  0xcd, 0x10, 0x5e, 0xeb, 0xf0, 0x32, 0xe4, 0xcd, 0x16, 0xcd, 0x19, 0xeb, 0xfe,
  ...Buffer.from(
    "This is not a bootable disk.  Please insert a bootable floppy and\r\npress any key to try again ... \r\n",
    "latin1",
  ),
]);

/** The volume id and label time a format run will use. */
export function formatStamp(options: FormatOptions, environment: NodeJS.ProcessEnv = process.env): { volumeId: number; createdAt: Date } {
  const epoch = sourceDateEpoch(environment);
  const now = Date.now();
  const createdAt = options.createdAt ?? new Date(epoch === undefined ? now : epoch * 1000);
  // Like mkfs.fat's generate_volume_id without a random source: seconds and microseconds mixed.
  const clockId = ((Math.floor(now / 1000) << 20) | ((now % 1000) * 1000)) >>> 0;
  const volumeId = options.volumeId ?? (epoch === undefined ? clockId : epoch % 2 ** 32);
  return { volumeId: volumeId >>> 0, createdAt };
}

/** The 11-byte label field, validated as mkfs.fat does, uppercased. */
export function encodeLabel(label: string | undefined, file: string): string {
  if (label === undefined || label.trim() === "") return NO_NAME;
  const upper = label.toUpperCase();
  if (upper.length > 11) throw new InputError(file, `label "${label}" is longer than 11 characters`);
  for (const character of upper) {
    const code = character.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) throw new InputError(file, `label "${label}" has a character that is not printable ASCII`);
    if (LABEL_FORBIDDEN.includes(character)) throw new InputError(file, `label "${label}" has a character FAT does not allow: ${character}`);
  }
  if (upper.startsWith(" ")) throw new InputError(file, `label "${label}" starts with a space`);
  return upper.padEnd(11, " ");
}

/** Every sector of the metadata region (reserved sectors, FATs, root directory), by LBA. */
export function formatSectors(file: string, options: FormatOptions): Map<number, Uint8Array> {
  const geometry = fat16Geometry(options.sizeBytes, options.sectorsPerCluster, file);
  const label = encodeLabel(options.label, file);
  const { volumeId, createdAt } = formatStamp(options);
  const sectors = new Map<number, Uint8Array>();
  for (let lba = 0; lba < geometry.dataStartLba; lba++) sectors.set(lba, new Uint8Array(SECTOR_SIZE));
  sectors.set(0, encodeBootSector(geometry, label, volumeId));
  for (let copy = 0; copy < geometry.fatCount; copy++) {
    const first = sectors.get(geometry.fatStartLba + copy * geometry.sectorsPerFat)!;
    first.set([geometry.mediaDescriptor, 0xff, 0xff, 0xff]);
  }
  if (label !== NO_NAME) writeLabelEntry(sectors.get(geometry.rootDirLba)!, label, createdAt);
  return sectors;
}

/** Creates (or replaces) `path` as a sparse formatted image. */
export function formatImage(path: string, options: FormatOptions): void {
  const sectors = formatSectors(path, options);
  const descriptor = withFileErrors(path, () => openSync(path, "w"));
  try {
    withFileErrors(path, () => ftruncateSync(descriptor, options.sizeBytes));
    for (const [lba, sector] of sectors) {
      if (sector.every((byte) => byte === 0)) continue;
      const written = withFileErrors(path, () => writeSync(descriptor, sector, 0, SECTOR_SIZE, lba * SECTOR_SIZE));
      if (written !== SECTOR_SIZE) throw new InputError(path, `short write at sector ${lba} (${written} bytes)`);
    }
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** mkfs.fat's boot sector for `geometry` (struct msdos_boot_sector, FAT12/16 variant). */
export function encodeBootSector(geometry: Geometry, label: string, volumeId: number): Uint8Array {
  const sector = new Uint8Array(SECTOR_SIZE);
  const view = new DataView(sector.buffer);
  sector.set([0xeb, 0x3c, 0x90], BPB.jump);
  sector.set(Buffer.from("mkfs.fat", "latin1"), BPB.oemName);
  view.setUint16(BPB.bytesPerSector, SECTOR_SIZE, true);
  view.setUint8(BPB.sectorsPerCluster, geometry.sectorsPerCluster);
  view.setUint16(BPB.reservedSectors, geometry.reservedSectors, true);
  view.setUint8(BPB.fatCount, geometry.fatCount);
  view.setUint16(BPB.rootEntries, geometry.rootEntries, true);
  const small = geometry.totalSectors < 0x10000;
  view.setUint16(BPB.totalSectors16, small ? geometry.totalSectors : 0, true);
  view.setUint8(BPB.mediaDescriptor, geometry.mediaDescriptor);
  view.setUint16(BPB.sectorsPerFat16, geometry.sectorsPerFat, true);
  view.setUint16(BPB.sectorsPerTrack, geometry.sectorsPerTrack, true);
  view.setUint16(BPB.heads, geometry.heads, true);
  view.setUint32(BPB.hiddenSectors, 0, true);
  view.setUint32(BPB.totalSectors32, small ? 0 : geometry.totalSectors, true);
  view.setUint8(BPB.driveNumber, geometry.mediaDescriptor === 0xf8 ? 0x80 : 0x00);
  view.setUint8(BPB.bootSignature, 0x29);
  view.setUint32(BPB.volumeId, volumeId, true);
  sector.set(Buffer.from(label, "latin1"), BPB.volumeLabel);
  sector.set(Buffer.from("FAT16   ", "latin1"), BPB.fsType);
  sector.set(BOOT_CODE, BPB.bootCode);
  view.setUint16(BPB.signature, 0xaa55, true);
  return sector;
}

/** The volume-label directory entry, stamped as mkfs.fat does (created = written = accessed). */
function writeLabelEntry(rootSector: Uint8Array, label: string, createdAt: Date): void {
  const view = new DataView(rootSector.buffer, rootSector.byteOffset, 32);
  const { date, time } = encodeDosDateTime(createdAt);
  rootSector.set(Buffer.from(label, "latin1"), 0);
  if (rootSector[0] === 0xe5) rootSector[0] = 0x05;
  rootSector[11] = ATTRIBUTE_VOLUME_LABEL;
  view.setUint16(14, time, true);
  view.setUint16(16, date, true);
  view.setUint16(18, date, true);
  view.setUint16(22, time, true);
  view.setUint16(24, date, true);
}
