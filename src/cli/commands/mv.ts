/** `mkimg mv IMG FROM TO [--offset BYTES] [--wait SECONDS]`: rename or move a file or directory. */
import type { Command } from "commander";
import { addOffsetOption, addWaitOption, lockOptions, type OffsetFlags, type WaitFlags } from "./image-options.js";

export function registerMv(program: Command): void {
  const command = program
    .command("mv")
    .description("rename or move a file or directory on an image (into TO if it is a directory)")
    .argument("<img>", "FAT16 image")
    .argument("<from>", "file or directory on the image")
    .argument("<to>", "new path, or an existing directory to move into");
  addWaitOption(addOffsetOption(command), "writes").action(async (image: string, from: string, to: string, flags: OffsetFlags & WaitFlags) => {
    const { moveFile } = await import("../../image/edit.js");
    const moved = await moveFile(image, from, to, { offset: flags.offset, lock: lockOptions("mv", flags) });
    process.stdout.write(`${image}: moved ${from} to ${moved}\n`);
  });
}
