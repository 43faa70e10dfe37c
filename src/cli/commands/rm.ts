/** `mkimg rm IMG PATH... [--offset BYTES] [--wait SECONDS]`: remove files or empty directories, in one transaction. */
import type { Command } from "commander";
import { addOffsetOption, addWaitOption, lockOptions, type OffsetFlags, type WaitFlags } from "./image-options.js";

export function registerRm(program: Command): void {
  const command = program
    .command("rm")
    .description("remove files or empty directories from an image (all or none)")
    .argument("<img>", "FAT16 image")
    .argument("<paths...>", "files or empty directories on the image");
  addWaitOption(addOffsetOption(command), "writes").action(async (image: string, targets: string[], flags: OffsetFlags & WaitFlags) => {
    const { removeFiles } = await import("../../image/edit.js");
    const removed = await removeFiles(image, targets, { offset: flags.offset, lock: lockOptions("rm", flags) });
    process.stdout.write(removed.map((file) => `${image}: removed ${file}\n`).join(""));
  });
}
