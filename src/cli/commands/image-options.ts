/**
 * Options shared by the image commands (add, ls, cat, extract, rm, mkdir, mv): `--offset`.
 * Light: imports only commander.
 */
import { Command, InvalidArgumentError } from "commander";

export interface OffsetFlags {
  offset?: number;
}

export function addOffsetOption(command: Command): Command {
  return command.option(
    "--offset <bytes>",
    "byte offset of the FAT16 volume in the image (for an image with a partition table)",
    parseOffset,
  );
}

export function parseOffset(value: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number % 512 !== 0) {
    throw new InvalidArgumentError("expected a byte count that is a multiple of 512.");
  }
  return number;
}
