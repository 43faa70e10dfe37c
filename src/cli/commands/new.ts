/**
 * `mkimg new [IMG] [--size 16M] [--label BAREFLOW] [--force] [--wait SECONDS]`: formats a new
 * FAT16 image with mkfs.fat's layout (src/fat/format.ts), under the image's exclusive lock.
 * IMG defaults to images/disk.img; an existing file is replaced only with --force. The file is
 * sparse: a 2 GiB image takes a few KiB until filled.
 */
import { Command, InvalidArgumentError } from "commander";
import { addWaitOption, type WaitFlags } from "./image-options.js";

interface NewFlags extends WaitFlags {
  size: number;
  label: string;
  force?: boolean;
  volumeId?: number;
  sectorsPerCluster?: number;
}

export const DEFAULT_IMAGE = "images/disk.img";

export function registerNew(program: Command): void {
  const command = program
    .command("new")
    .description("create a FAT16 image (mkfs.fat's layout, no partition table)")
    .argument("[image]", "image file", DEFAULT_IMAGE)
    .option("--size <size>", "size in bytes, or with a suffix K, M or G (powers of 1024)", parseSize, 16 * 2 ** 20)
    .option("--label <label>", "volume label, up to 11 characters", "BAREFLOW")
    .option("--force", "replace an existing file")
    .option("--volume-id <hex>", "volume id, 8 hex digits (default: from SOURCE_DATE_EPOCH, else the clock)", parseVolumeId)
    .option("--sectors-per-cluster <n>", "cluster size in sectors, 1-128 (default: mkfs.fat's choice)", parseClusterSize);
  addWaitOption(command, "writes").action(async (image: string, flags: NewFlags) => {
    const { newCommand } = await import("./new-action.js");
    newCommand(image, flags);
  });
}

/** "16M" -> 16777216; "2G", "8192K", "1048576". */
export function parseSize(value: string): number {
  const match = /^([0-9]+)([KMG]?)(i?B)?$/i.exec(value.trim());
  if (match === null) throw new InvalidArgumentError("expected a size such as 16M, 2G or 8192K.");
  const scale = { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 }[match[2]!.toUpperCase() as "" | "K" | "M" | "G"];
  return Number(match[1]) * scale;
}

function parseVolumeId(value: string): number {
  if (!/^(0x)?[0-9a-f]{1,8}$/i.test(value.replace("-", ""))) throw new InvalidArgumentError("expected up to 8 hex digits.");
  return Number.parseInt(value.replace("-", "").replace(/^0x/i, ""), 16);
}

function parseClusterSize(value: string): number {
  const number = Number(value);
  if (![1, 2, 4, 8, 16, 32, 64, 128].includes(number)) throw new InvalidArgumentError("expected 1, 2, 4, 8, 16, 32, 64 or 128.");
  return number;
}
