/**
 * `mkimg check IMG [--json] [--offset BYTES] [--wait SECONDS]`: structural check of a FAT16
 * image plus the kernel's view of its modules (src/fat/check.ts). Exit status: 0 clean, 1
 * problems found, 2 the image cannot be read at all (not FAT16, truncated, partition table...).
 */
import { Command, InvalidArgumentError } from "commander";
import { addWaitOption } from "./image-options.js";

interface CheckFlags {
  json?: boolean;
  offset?: number;
  wait?: number;
}

export function registerCheck(program: Command): void {
  const command = program
    .command("check")
    .description("check an image's structure and which modules the kernel can load (exit 1 on problems)")
    .argument("<image>", "FAT16 image file")
    .option("--json", "print the report as JSON")
    .option("--offset <bytes>", "where the FAT16 volume starts in the file (a partition)", parseOffset);
  addWaitOption(command, "reads").action(async (image: string, flags: CheckFlags) => {
    const { checkCommand } = await import("./check-action.js");
    process.exitCode = checkCommand(image, flags);
  });
}

function parseOffset(value: string): number {
  const number = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(number % 512 === 0)) throw new InvalidArgumentError("expected a multiple of 512 bytes.");
  return number;
}
