/**
 * The work behind `mkimg new`, loaded only when the command runs (start-up stays fast).
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../../errors.js";
import { fat16Geometry, describeSize } from "../../fat/geometry.js";
import { withFileErrors } from "../../fat/file-errors.js";
import { encodeLabel, formatImage, formatStamp } from "../../fat/format.js";

export interface NewOptions {
  size: number;
  label: string;
  force?: boolean;
  volumeId?: number;
  sectorsPerCluster?: number;
}

export function newCommand(image: string, options: NewOptions): void {
  if (existsSync(image) && options.force !== true) {
    throw new InputError(image, "already exists (use --force to replace it)");
  }
  const geometry = fat16Geometry(options.size, options.sectorsPerCluster, image);
  const label = encodeLabel(options.label, image).trimEnd();
  const stamp = formatStamp({ sizeBytes: options.size, volumeId: options.volumeId });
  withFileErrors(dirname(image), () => mkdirSync(dirname(image), { recursive: true }));
  formatImage(image, { sizeBytes: options.size, label: options.label, volumeId: stamp.volumeId, createdAt: stamp.createdAt, sectorsPerCluster: options.sectorsPerCluster });
  const id = stamp.volumeId.toString(16).toUpperCase().padStart(8, "0");
  const clusterBytes = geometry.sectorsPerCluster * 512;
  process.stdout.write(
    `${image}: FAT16, ${describeSize(options.size)}, ${geometry.clusterCount} clusters of ${clusterBytes} bytes, ` +
      `label ${label}, volume id ${id.slice(0, 4)}-${id.slice(4)}\n`,
  );
}
