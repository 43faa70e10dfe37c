/**
 * Opening an image for a command: the lock and recovery (src/disk/access.ts), the boot sector
 * check, the volume.
 *
 * `readImage` takes the shared lock and mounts the volume read-only (after recovering an
 * interrupted commit, under the exclusive lock: the only write a read command ever makes).
 * `changeImage` takes the exclusive lock and runs a transaction: the volume is mounted over a
 * `SectorOverlay`, so FatFs's writes stay in memory; if the body succeeds the written sectors
 * are committed through the journal (src/disk/commit.ts), if it throws nothing is written.
 * An image with damage a write would spread (a cluster marked free while a file uses it, a
 * cross-link, a broken chain) is refused before the transaction starts.
 * SIGINT, SIGTERM and SIGHUP are held while the lock is (`checkpoint()` lets a long body stop
 * early), then delivered once the lock file is gone (src/disk/signals.ts).
 */
import { accessImage, type ImageAccess, type LockOptions } from "../disk/access.js";
import { commitRuns } from "../disk/commit.js";
import { SECTOR_SIZE, SectorDevice } from "../disk/device.js";
import { SectorOverlay } from "../disk/overlay.js";
import { parseBootSector, type BootSector } from "../fat/bootsector.js";
import { stampTime } from "../fat/dostime.js";
import { unsafeToChange } from "../fat/check.js";
import { Fat16Reader } from "../fat/reader.js";
import { FatVolume } from "../fat/volume.js";
import { InputError } from "../errors.js";
import { freeClusterSectors } from "./fresh-sectors.js";

export interface ImageOptions {
  /** Byte offset of the FAT volume in the image file (a partition's start). */
  offset?: number;
  /** The image's name in messages, when it differs from the path (a temporary file). */
  displayName?: string;
  /** How long to wait for another process's lock on the image, and what to tell it we do. */
  lock?: LockOptions;
  /** The image is already locked (and recovered) by the caller, with this access. */
  access?: ImageAccess;
}

export interface Transaction {
  /** Yields to the event loop; throws if a signal asked the command to stop. */
  checkpoint(): Promise<void>;
}

interface Opened {
  device: SectorDevice;
  bootSector: BootSector;
}

function openDevice(imagePath: string, options: ImageOptions, writable: boolean): Opened {
  const offset = checkOffset(imagePath, options.offset ?? 0);
  const device = new SectorDevice(imagePath, { offset, writable });
  const name = options.displayName ?? imagePath;
  try {
    if (offset > 0 && offset >= device.fileSize) {
      throw new InputError(name, `--offset ${offset} is beyond the end of the image (${device.fileSize} bytes)`);
    }
    const available = device.fileSize - offset;
    const sector = new Uint8Array(SECTOR_SIZE);
    if (available >= SECTOR_SIZE) device.read(0, sector);
    const bootSector = parseBootSector(sector, available, name);
    return { device, bootSector };
  } catch (error) {
    device.close();
    throw error;
  }
}

function checkOffset(imagePath: string, offset: number): number {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset % SECTOR_SIZE !== 0) {
    throw new InputError(imagePath, `--offset ${offset} is not a non-negative multiple of ${SECTOR_SIZE}`);
  }
  return offset;
}

/** Runs `body` with the image locked and recovered for `access`, unless the caller already has. */
async function withAccess<T>(
  imagePath: string,
  access: "read" | "write",
  options: ImageOptions,
  body: (access: ImageAccess) => Promise<T>,
): Promise<T> {
  if (options.access !== undefined) return body(options.access);
  const opened = accessImage(imagePath, access, options.lock);
  try {
    return await body(opened);
  } finally {
    opened.release();
  }
}

/**
 * Runs `body`, then unmounts `volume`. When `body` fails, its error is the one reported: a
 * failure to unmount after it (FatFs left in a bad state by the same damage) is dropped.
 */
async function withVolume<T>(volume: FatVolume, body: () => T | Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await body();
  } catch (error) {
    try {
      volume.unmount();
    } catch {
      // The first error explains what went wrong; this one would only hide it.
    }
    throw error;
  }
  volume.unmount();
  return result;
}

/** Runs `body` on the image's volume, mounted read-only. */
export async function readImage<T>(
  imagePath: string,
  options: ImageOptions,
  body: (volume: FatVolume, bootSector: BootSector) => T | Promise<T>,
): Promise<T> {
  return withAccess(imagePath, "read", options, async () => {
    const { device, bootSector } = openDevice(imagePath, options, false);
    try {
      const overlay = new SectorOverlay(device, bootSector.totalSectors, false);
      const volume = await FatVolume.mount(overlay, {
        imageName: options.displayName ?? imagePath,
        clock: () => Date.now(),
        readOnly: true,
      });
      return await withVolume(volume, () => body(volume, bootSector));
    } finally {
      device.close();
    }
  });
}

/** Refuses to change an image `mkimg check` finds damaged in a way a write would make worse. */
function refuseDamaged(device: SectorDevice, bootSector: BootSector, name: string): void {
  const reader = new Fat16Reader((lba) => {
    const sector = new Uint8Array(SECTOR_SIZE);
    device.read(lba, sector);
    return sector;
  }, name, bootSector);
  const problems = unsafeToChange(reader);
  if (problems.length === 0) return;
  const more = problems.length > 1 ? ` and ${problems.length - 1} more` : "";
  throw new InputError(name, `${problems[0]!.message}${more}: a damaged image is not changed (mkimg check lists the damage; fsck.fat repairs it)`);
}

/** Runs `body` as one transaction on the image: all of its changes, or none. */
export async function changeImage<T>(
  imagePath: string,
  options: ImageOptions,
  body: (volume: FatVolume, transaction: Transaction) => T | Promise<T>,
): Promise<T> {
  return withAccess(imagePath, "write", options, async (access) => {
    const { device, bootSector } = openDevice(imagePath, options, true);
    try {
      refuseDamaged(device, bootSector, options.displayName ?? imagePath);
      const overlay = new SectorOverlay(device, bootSector.totalSectors, true);
      const volume = await FatVolume.mount(overlay, {
        imageName: options.displayName ?? imagePath,
        clock: () => stampTime().getTime(),
      });
      const result = await withVolume(volume, () => body(volume, { checkpoint: () => access.checkpoint() }));
      commitRuns(device, overlay.runs(freeClusterSectors(device, bootSector)));
      return result;
    } finally {
      device.close();
    }
  });
}
