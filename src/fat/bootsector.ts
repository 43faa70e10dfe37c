/**
 * The FAT boot sector (BIOS parameter block) and image-type detection.
 *
 * Field offsets are those of Microsoft's FAT specification ("BPB structure common to FAT12,
 * FAT16 and FAT32", then the FAT12/16 extended fields at 0x24). The FAT type is decided by
 * cluster count only, as that specification says: below 4085 clusters FAT12, below 65525 FAT16,
 * else FAT32. mkimg handles FAT16 with 512-byte sectors (BareFlow's driver checks exactly that).
 *
 * Everything wrong with sector 0 is an InputError naming the file and, where there is one, the
 * offset of the field: empty or truncated files, a missing 55 AA, impossible BPB values, FAT12 or
 * FAT32 volumes, and whole disks with an MBR partition table (we say where the FAT16 partition is).
 */
import { SECTOR_SIZE } from "../disk/device.js";
import { InputError } from "../errors.js";


/** Byte offsets of the fields we read and write (FAT12/16 layout). */
export const BPB = {
  jump: 0x00,
  oemName: 0x03,
  bytesPerSector: 0x0b,
  sectorsPerCluster: 0x0d,
  reservedSectors: 0x0e,
  fatCount: 0x10,
  rootEntries: 0x11,
  totalSectors16: 0x13,
  mediaDescriptor: 0x15,
  sectorsPerFat16: 0x16,
  sectorsPerTrack: 0x18,
  heads: 0x1a,
  hiddenSectors: 0x1c,
  totalSectors32: 0x20,
  driveNumber: 0x24,
  sectorsPerFat32: 0x24,
  bootSignature: 0x26,
  volumeId: 0x27,
  volumeLabel: 0x2b,
  fsType: 0x36,
  bootCode: 0x3e,
  signature: 0x1fe,
} as const;

/** Microsoft's FAT type rule, by cluster count. */
export const FAT12_MAX_CLUSTERS = 4084;
export const FAT16_MAX_CLUSTERS = 65524;

export interface BootSector {
  bytesPerSector: number;
  sectorsPerCluster: number;
  reservedSectors: number;
  fatCount: number;
  rootEntries: number;
  totalSectors: number;
  mediaDescriptor: number;
  sectorsPerFat: number;
  sectorsPerTrack: number;
  heads: number;
  hiddenSectors: number;
  driveNumber: number;
  /** 0 when the extended boot signature (0x29) is absent. */
  volumeId: number;
  /** Trailing spaces removed; "" when the extended boot signature is absent. */
  volumeLabel: string;
  fsType: string;
  // Derived:
  fatStartLba: number;
  rootDirLba: number;
  rootDirSectors: number;
  dataStartLba: number;
  clusterCount: number;
}

/** Partition types that hold FAT16 (Microsoft/IBM MBR type bytes). */
const FAT16_PARTITION_TYPES = new Set([0x04, 0x06, 0x0e]);
const PARTITION_TABLE = 0x1be;

export interface Partition {
  index: number;
  type: number;
  startLba: number;
  sectors: number;
}

/**
 * Parses and validates sector 0 of a FAT16 volume. `imageSize` is the size of the file (or of
 * the part of it the volume lives in) in bytes; pass Infinity to skip the size check.
 */
export function parseBootSector(sector: Uint8Array, imageSize: number, file: string): BootSector {
  if (imageSize === 0) throw new InputError(file, "empty file, not a disk image");
  if (imageSize < SECTOR_SIZE || sector.length < SECTOR_SIZE) {
    const size = Math.min(imageSize, sector.length);
    throw new InputError(file, `truncated: ${size} bytes, shorter than one ${SECTOR_SIZE}-byte sector`);
  }
  const view = new DataView(sector.buffer, sector.byteOffset, SECTOR_SIZE);
  if (view.getUint16(BPB.signature, true) !== 0xaa55) {
    throw new InputError(file, "boot sector: no 55 AA signature, not a FAT volume", BPB.signature);
  }
  if (!hasJump(sector)) rejectPartitionTable(sector, file);
  const fields = readFields(view, sector);
  validateFields(fields, file);
  const derived = deriveLayout(fields);
  const bootSector = { ...fields, ...derived };
  checkFatType(bootSector, view, file);
  const needed = bootSector.totalSectors * SECTOR_SIZE;
  if (imageSize < needed) {
    throw new InputError(
      file,
      `truncated: the boot sector says ${bootSector.totalSectors} sectors (${needed} bytes) but the image has ${imageSize} bytes`,
    );
  }
  return bootSector;
}

/** The first FAT16 partition of an MBR partition table in `sector0`, if there is one. */
export function findFat16Partition(sector0: Uint8Array): { offsetBytes: number } | undefined {
  const found = readPartitionTable(sector0)?.find((partition) => FAT16_PARTITION_TYPES.has(partition.type));
  return found === undefined ? undefined : { offsetBytes: found.startLba * SECTOR_SIZE };
}

/** The used entries of an MBR partition table, or undefined if sector 0 does not hold a plausible one. */
export function readPartitionTable(sector0: Uint8Array): Partition[] | undefined {
  if (sector0.length < SECTOR_SIZE || sector0[0x1fe] !== 0x55 || sector0[0x1ff] !== 0xaa) return undefined;
  const view = new DataView(sector0.buffer, sector0.byteOffset, SECTOR_SIZE);
  const partitions: Partition[] = [];
  for (let index = 0; index < 4; index++) {
    const entry = PARTITION_TABLE + index * 16;
    const status = sector0[entry]!;
    const type = sector0[entry + 4]!;
    const startLba = view.getUint32(entry + 8, true);
    const sectors = view.getUint32(entry + 12, true);
    if (type === 0) continue;
    if ((status !== 0x00 && status !== 0x80) || startLba === 0 || sectors === 0) return undefined;
    partitions.push({ index: index + 1, type, startLba, sectors });
  }
  return partitions.length > 0 ? partitions : undefined;
}

/** A FAT boot sector starts with a jump: EB xx 90 or E9 xx xx. An MBR usually does not. */
function hasJump(sector: Uint8Array): boolean {
  return (sector[0] === 0xeb && sector[2] === 0x90) || sector[0] === 0xe9;
}

function rejectPartitionTable(sector: Uint8Array, file: string): void {
  const partitions = readPartitionTable(sector);
  if (partitions === undefined) return;
  const fat16 = findFat16Partition(sector);
  if (fat16 !== undefined) {
    const startLba = fat16.offsetBytes / SECTOR_SIZE;
    throw new InputError(
      file,
      `has a partition table; the FAT16 partition starts at sector ${startLba}: use --offset ${fat16.offsetBytes}`,
    );
  }
  const types = partitions.map((partition) => `0x${partition.type.toString(16).padStart(2, "0")}`).join(", ");
  throw new InputError(file, `has a partition table with no FAT16 partition (types ${types})`);
}

type Fields = Omit<BootSector, "fatStartLba" | "rootDirLba" | "rootDirSectors" | "dataStartLba" | "clusterCount">;

function readFields(view: DataView, sector: Uint8Array): Fields {
  const extended = view.getUint8(BPB.bootSignature) === 0x29;
  const totalSectors16 = view.getUint16(BPB.totalSectors16, true);
  const sectorsPerFat16 = view.getUint16(BPB.sectorsPerFat16, true);
  return {
    bytesPerSector: view.getUint16(BPB.bytesPerSector, true),
    sectorsPerCluster: view.getUint8(BPB.sectorsPerCluster),
    reservedSectors: view.getUint16(BPB.reservedSectors, true),
    fatCount: view.getUint8(BPB.fatCount),
    rootEntries: view.getUint16(BPB.rootEntries, true),
    totalSectors: totalSectors16 !== 0 ? totalSectors16 : view.getUint32(BPB.totalSectors32, true),
    mediaDescriptor: view.getUint8(BPB.mediaDescriptor),
    sectorsPerFat: sectorsPerFat16 !== 0 ? sectorsPerFat16 : view.getUint32(BPB.sectorsPerFat32, true),
    sectorsPerTrack: view.getUint16(BPB.sectorsPerTrack, true),
    heads: view.getUint16(BPB.heads, true),
    hiddenSectors: view.getUint32(BPB.hiddenSectors, true),
    driveNumber: sectorsPerFat16 !== 0 ? view.getUint8(BPB.driveNumber) : 0,
    volumeId: extended && sectorsPerFat16 !== 0 ? view.getUint32(BPB.volumeId, true) : 0,
    volumeLabel: extended && sectorsPerFat16 !== 0 ? ascii(sector, BPB.volumeLabel, 11).trimEnd() : "",
    fsType: extended && sectorsPerFat16 !== 0 ? ascii(sector, BPB.fsType, 8).trimEnd() : "",
  };
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function isPowerOfTwo(value: number): boolean {
  return value > 0 && (value & (value - 1)) === 0;
}

function validateFields(fields: Fields, file: string): void {
  const bad = (what: string, offset: number): never => {
    throw new InputError(file, `boot sector: ${what}`, offset);
  };
  if (!isPowerOfTwo(fields.bytesPerSector)) {
    bad(`bytes per sector ${fields.bytesPerSector} is not a power of two`, BPB.bytesPerSector);
  }
  if (fields.bytesPerSector !== SECTOR_SIZE) {
    bad(`bytes per sector ${fields.bytesPerSector} is not supported (mkimg and BareFlow need 512)`, BPB.bytesPerSector);
  }
  if (!isPowerOfTwo(fields.sectorsPerCluster)) {
    bad(`sectors per cluster ${fields.sectorsPerCluster} is not a power of two`, BPB.sectorsPerCluster);
  }
  if (fields.reservedSectors === 0) bad("reserved sectors is 0 (the boot sector itself is one)", BPB.reservedSectors);
  if (fields.fatCount === 0) bad("number of FATs is 0", BPB.fatCount);
  if (fields.totalSectors === 0) bad("total sectors is 0", BPB.totalSectors16);
  if (fields.sectorsPerFat === 0) bad("sectors per FAT is 0", BPB.sectorsPerFat16);
}

function deriveLayout(fields: Fields): Pick<BootSector, "fatStartLba" | "rootDirLba" | "rootDirSectors" | "dataStartLba" | "clusterCount"> {
  const fatStartLba = fields.reservedSectors;
  const rootDirLba = fatStartLba + fields.fatCount * fields.sectorsPerFat;
  const rootDirSectors = Math.ceil((fields.rootEntries * 32) / fields.bytesPerSector);
  const dataStartLba = rootDirLba + rootDirSectors;
  const clusterCount = Math.max(0, Math.floor((fields.totalSectors - dataStartLba) / fields.sectorsPerCluster));
  return { fatStartLba, rootDirLba, rootDirSectors, dataStartLba, clusterCount };
}

function checkFatType(bootSector: BootSector, view: DataView, file: string): void {
  if (bootSector.dataStartLba >= bootSector.totalSectors) {
    throw new InputError(
      file,
      `boot sector: the FATs and root directory (${bootSector.dataStartLba} sectors) leave no room for data in ${bootSector.totalSectors} sectors`,
      BPB.sectorsPerFat16,
    );
  }
  const clusters = bootSector.clusterCount;
  const isFat32 = view.getUint16(BPB.sectorsPerFat16, true) === 0 || clusters > FAT16_MAX_CLUSTERS;
  const type = clusters <= FAT12_MAX_CLUSTERS ? "FAT12" : isFat32 ? "FAT32" : "FAT16";
  if (type !== "FAT16") {
    throw new InputError(
      file,
      `is a ${type} volume (${clusters} clusters); mkimg handles FAT16 only (${FAT12_MAX_CLUSTERS + 1} to ${FAT16_MAX_CLUSTERS} clusters)`,
    );
  }
  if (bootSector.rootEntries === 0) {
    throw new InputError(file, "boot sector: root directory entries is 0", BPB.rootEntries);
  }
  const fatEntries = (bootSector.sectorsPerFat * bootSector.bytesPerSector) / 2;
  if (fatEntries < clusters + 2) {
    throw new InputError(
      file,
      `boot sector: ${bootSector.sectorsPerFat} sectors per FAT hold ${fatEntries} entries, too few for ${clusters} clusters`,
      BPB.sectorsPerFat16,
    );
  }
}
