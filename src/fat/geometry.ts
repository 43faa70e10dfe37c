/**
 * FAT16 geometry: how big each region of a new image is, chosen exactly as mkfs.fat 4.2 does
 * for `mkfs.fat -F 16 -C IMG KiB` (dosfstools src/mkfs.fat.c, establish_params and
 * setup_tables), for 512-byte sectors, 2 FATs, media F8 and 512 root entries:
 *
 * - sectors/track and heads follow the SD card CHS recommendation below 256 MiB and LBA-assist
 *   translation above; the sector count is rounded down to a whole number of tracks;
 * - the cluster size starts at 4 sectors and doubles until the cluster count is FAT16's
 *   (4087 <= clusters <= min(65524, FAT entries)); with a fixed cluster size (`-s`) there is one try;
 * - reserved sectors, each FAT and the root directory are rounded up to whole clusters, unless the
 *   volume has 8192 sectors or fewer (mkfs.fat then disables alignment), and the root directory
 *   grows to fill its rounded size (2048 entries at 128 sectors/cluster).
 *
 * One addition: when no cluster size is given and mkfs.fat's own search finds none (volumes
 * below about 8.4 MB), we retry with 2 and then 1 sector per cluster, as `-s 2` / `-s 1` would.
 */
import { SECTOR_SIZE } from "../disk/device.js";
import { InputError } from "../errors.js";

export const FAT_COUNT = 2;
export const MEDIA_FIXED_DISK = 0xf8;
/** dosfstools' bounds for FAT16 (Microsoft's rule is 4085..65524; 4087 avoids FAT12 misdetection). */
export const MIN_FAT16_CLUSTERS = 4087;
export const MAX_FAT16_CLUSTERS = 65524;
const DEFAULT_ROOT_ENTRIES = 512;
const DIRECTORY_ENTRY_SIZE = 32;

export interface Geometry {
  totalSectors: number;
  sectorsPerCluster: number;
  reservedSectors: number;
  fatCount: number;
  sectorsPerFat: number;
  rootEntries: number;
  rootDirSectors: number;
  clusterCount: number;
  sectorsPerTrack: number;
  heads: number;
  mediaDescriptor: number;
  fatStartLba: number;
  rootDirLba: number;
  dataStartLba: number;
}

/** Smallest and largest image sizes (bytes) fat16Geometry accepts without a cluster size. */
export const FAT16_MIN_BYTES = 2_129_920;
export const FAT16_MAX_BYTES = 4_294_660_096;

/**
 * The geometry mkfs.fat 4.2 would choose for a FAT16 volume of `sizeBytes`, optionally with a
 * fixed cluster size. `file` names the image in error messages.
 */
export function fat16Geometry(sizeBytes: number, sectorsPerCluster?: number, file = "image"): Geometry {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0 || sizeBytes % SECTOR_SIZE !== 0) {
    throw new InputError(file, `size ${sizeBytes} is not a positive multiple of ${SECTOR_SIZE} bytes`);
  }
  if (sectorsPerCluster !== undefined && !isClusterSize(sectorsPerCluster)) {
    throw new InputError(file, `sectors per cluster ${sectorsPerCluster} is not a power of two from 1 to 128`);
  }
  const geometry = tryGeometry(sizeBytes, sectorsPerCluster);
  if (geometry !== undefined) return geometry;
  const fixed = sectorsPerCluster === undefined ? "" : ` with ${sectorsPerCluster} sectors per cluster`;
  throw new InputError(
    file,
    `${describeSize(sizeBytes)} cannot be FAT16${fixed}: sizes from ${describeSize(FAT16_MIN_BYTES)} ` +
      `to ${describeSize(FAT16_MAX_BYTES)}`,
  );
}

/** The geometry, or undefined if no FAT16 layout fits. */
export function tryGeometry(sizeBytes: number, sectorsPerCluster?: number): Geometry | undefined {
  if (sizeBytes / SECTOR_SIZE > 0xffffffff) return undefined;
  if (sectorsPerCluster !== undefined) return search(sizeBytes, sectorsPerCluster, sectorsPerCluster);
  return search(sizeBytes, 4, 128) ?? search(sizeBytes, 2, 2) ?? search(sizeBytes, 1, 1);
}

function isClusterSize(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 128 && (value & (value - 1)) === 0;
}

/** mkfs.fat's CHS choice for a disk of `sectors` sectors (establish_params). */
export function chsGeometry(sectors: number): { sectorsPerTrack: number; heads: number } {
  if (sectors <= 524288) {
    const heads = sectors <= 32768 ? 2 : sectors <= 65536 ? 4 : sectors <= 262144 ? 8 : 16;
    return { sectorsPerTrack: sectors <= 4096 ? 16 : 32, heads };
  }
  const heads =
    sectors <= 16 * 63 * 1024 ? 16 : sectors <= 32 * 63 * 1024 ? 32 : sectors <= 64 * 63 * 1024 ? 64
      : sectors <= 128 * 63 * 1024 ? 128 : 255;
  return { sectorsPerTrack: 63, heads };
}

/** setup_tables' cluster-size loop, FAT16 branch only, from `first` up to `last` sectors/cluster. */
function search(sizeBytes: number, first: number, last: number): Geometry | undefined {
  const { sectorsPerTrack, heads } = chsGeometry(Math.floor(sizeBytes / SECTOR_SIZE));
  const totalSectors = Math.floor(sizeBytes / SECTOR_SIZE / sectorsPerTrack) * sectorsPerTrack;
  const aligned = totalSectors > 8192;
  const align = (sectors: number, cluster: number): number =>
    aligned ? Math.ceil(sectors / cluster) * cluster : sectors;
  const rootSectors = Math.ceil((DEFAULT_ROOT_ENTRIES * DIRECTORY_ENTRY_SIZE) / SECTOR_SIZE);
  for (let cluster = first; cluster <= last; cluster *= 2) {
    const fatAndData = totalSectors - align(1, cluster) - align(rootSectors, cluster);
    const estimate = Math.floor((fatAndData * SECTOR_SIZE + FAT_COUNT * 4) / (cluster * SECTOR_SIZE + FAT_COUNT * 2));
    const sectorsPerFat = align(Math.ceil(((estimate + 2) * 2) / SECTOR_SIZE), cluster);
    const clusterCount = Math.floor((fatAndData - FAT_COUNT * sectorsPerFat) / cluster);
    const maxClusters = Math.min((sectorsPerFat * SECTOR_SIZE) / 2, MAX_FAT16_CLUSTERS);
    if (clusterCount > maxClusters || clusterCount < MIN_FAT16_CLUSTERS) continue;
    const reservedSectors = align(1, cluster);
    const rootDirSectors = align(rootSectors, cluster);
    const fatStartLba = reservedSectors;
    const rootDirLba = fatStartLba + FAT_COUNT * sectorsPerFat;
    return {
      totalSectors, sectorsPerCluster: cluster, reservedSectors, fatCount: FAT_COUNT, sectorsPerFat,
      rootEntries: (rootDirSectors * SECTOR_SIZE) / DIRECTORY_ENTRY_SIZE, rootDirSectors, clusterCount,
      sectorsPerTrack, heads, mediaDescriptor: MEDIA_FIXED_DISK,
      fatStartLba, rootDirLba, dataStartLba: rootDirLba + rootDirSectors,
    };
  }
  return undefined;
}

/** "16 MiB", "2 GiB", "2070 KiB", "1000 bytes": the largest binary unit that divides evenly. */
export function describeSize(bytes: number): string {
  const units: [number, string][] = [[2 ** 30, "GiB"], [2 ** 20, "MiB"], [2 ** 10, "KiB"]];
  for (const [unit, name] of units) {
    if (bytes % unit === 0) return `${bytes / unit} ${name}`;
  }
  return `${bytes} bytes`;
}
