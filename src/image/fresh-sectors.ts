/**
 * Which sectors of a volume nothing in the image refers to: those of data clusters that the
 * image's first FAT marks free (entry 0). A transaction may write such sectors straight into the
 * image before its journal (see src/disk/commit.ts): until the journalled FAT and directory
 * sectors land, the file system does not see them.
 */
import { SECTOR_SIZE, type SectorDevice } from "../disk/device.js";
import type { BootSector } from "../fat/bootsector.js";

/** A predicate on sector numbers, from the FAT as it is on the device now (not the overlay). */
export function freeClusterSectors(device: SectorDevice, bootSector: BootSector): (lba: number) => boolean {
  const fat = new Uint8Array(bootSector.sectorsPerFat * SECTOR_SIZE);
  device.read(bootSector.fatStartLba, fat);
  const entries = new DataView(fat.buffer, fat.byteOffset, fat.byteLength);
  const { dataStartLba, sectorsPerCluster, clusterCount } = bootSector;
  const dataEnd = dataStartLba + clusterCount * sectorsPerCluster;
  return (lba) => {
    if (lba < dataStartLba || lba >= dataEnd) return false;
    const cluster = 2 + Math.floor((lba - dataStartLba) / sectorsPerCluster);
    return cluster * 2 + 1 < fat.length && entries.getUint16(cluster * 2, true) === 0;
  };
}
