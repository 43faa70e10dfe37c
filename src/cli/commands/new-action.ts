/**
 * The work behind `mkimg new`, loaded only when the command runs (start-up stays fast). The
 * image is checked and formatted under its exclusive lock, so that no other mkimg is reading or
 * changing the file being replaced, and two `new`s of one name cannot both format it.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { accessImage } from "../../disk/access.js";
import { InputError } from "../../errors.js";
import { fat16Geometry, describeSize } from "../../fat/geometry.js";
import { withFileErrors } from "../../fat/file-errors.js";
import { encodeLabel, formatImage, formatStamp } from "../../fat/format.js";
import { lockOptions } from "./image-options.js";

export interface NewOptions {
  size: number;
  label: string;
  force?: boolean;
  volumeId?: number;
  sectorsPerCluster?: number;
  wait?: number;
}

export function newCommand(image: string, options: NewOptions): void {
  const refuseExisting = (): void => {
    if (existsSync(image) && options.force !== true) throw new InputError(image, "already exists (use --force to replace it)");
  };
  refuseExisting();
  const geometry = fat16Geometry(options.size, options.sectorsPerCluster, image);
  const label = encodeLabel(options.label, image).trimEnd();
  const stamp = formatStamp({ sizeBytes: options.size, volumeId: options.volumeId });
  withFileErrors(dirname(image), () => mkdirSync(dirname(image), { recursive: true }));
  const access = accessImage(image, "create", lockOptions("new", options));
  try {
    refuseExisting(); // again, now that no other mkimg can be making it
    formatImage(image, {
      sizeBytes: options.size,
      label: options.label,
      volumeId: stamp.volumeId,
      createdAt: stamp.createdAt,
      sectorsPerCluster: options.sectorsPerCluster,
    });
  } finally {
    access.release();
  }
  const id = stamp.volumeId.toString(16).toUpperCase().padStart(8, "0");
  const clusterBytes = geometry.sectorsPerCluster * 512;
  process.stdout.write(
    `${image}: FAT16, ${describeSize(options.size)}, ${geometry.clusterCount} clusters of ${clusterBytes} bytes, ` +
      `label ${label}, volume id ${id.slice(0, 4)}-${id.slice(4)}\n`,
  );
}
