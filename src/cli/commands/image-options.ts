/**
 * Options shared by the image commands: `--offset` (add, ls, cat, extract, rm, mkdir, mv) and
 * `--wait` with the note on locking in --help (every command that opens an image).
 * Light: imports only commander.
 */
import { Command, InvalidArgumentError } from "commander";
import type { LockOptions } from "../../disk/access.js";
import type { Tier } from "../../jit/tiers.js";

export interface OffsetFlags {
  offset?: number;
}

export interface WaitFlags {
  wait?: number;
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

const LOCK_HELP = {
  writes:
    "\nLocking: takes the image's exclusive lock (the file IMG.lock beside it), waiting up to --wait\n" +
    "seconds while another mkimg reads or writes the image, then fails naming it (exit status 2).\n" +
    "A lock left by a process that no longer exists is taken over.\n",
  reads:
    "\nLocking: an image is read under a shared lock (a file IMG.lock.read-* beside it): other readers\n" +
    "may read at the same time; waits up to --wait seconds while another mkimg writes the image, then\n" +
    "fails naming it (exit status 2). Recovering an interrupted change takes the exclusive lock.\n" +
    "A lock left by a process that no longer exists is taken over.\n",
} as const;

/** `--wait SECONDS`, and the locking note for a command that `reads` or `writes` its image. */
export function addWaitOption(command: Command, access: keyof typeof LOCK_HELP): Command {
  return command
    .option("--wait <seconds>", "how long to wait for another mkimg using the image (default 5)", parseWait)
    .addHelpText("after", LOCK_HELP[access]);
}

export function parseWait(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError("expected a number of seconds, such as 5 or 0.5.");
  return Number(value);
}

/** The lock options of `mkimg <name>` run with `flags`. */
export function lockOptions(name: string, flags: WaitFlags): LockOptions {
  return { waitSeconds: flags.wait, command: `mkimg ${name}` };
}

/** `--tier N` of run and disasm: a JIT tier, 0..3 (src/jit/tiers.ts). */
export function parseTier(value: string): Tier {
  if (!/^[0-3]$/.test(value)) throw new InvalidArgumentError("expected a tier 0, 1, 2 or 3.");
  return Number(value) as Tier;
}
