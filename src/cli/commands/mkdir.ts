/** `mkimg mkdir IMG PATH [--offset BYTES] [--wait SECONDS]`: create a directory (its parent must exist). */
import type { Command } from "commander";
import { addOffsetOption, addWaitOption, lockOptions, type OffsetFlags, type WaitFlags } from "./image-options.js";

export function registerMkdir(program: Command): void {
  const command = program
    .command("mkdir")
    .description("create a directory on an image")
    .argument("<img>", "FAT16 image")
    .argument("<path>", "new directory (its parent must exist)");
  addWaitOption(addOffsetOption(command), "writes").action(async (image: string, target: string, flags: OffsetFlags & WaitFlags) => {
    const { makeDirectory } = await import("../../image/edit.js");
    const made = await makeDirectory(image, target, { offset: flags.offset, lock: lockOptions("mkdir", flags) });
    process.stdout.write(`${image}: created ${made}/\n`);
  });
}
