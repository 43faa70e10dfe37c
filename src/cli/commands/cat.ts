/** `mkimg cat IMG PATH [--offset BYTES] [--wait SECONDS]`: a file's raw bytes to standard output. */
import type { Command } from "commander";
import { addOffsetOption, addWaitOption, lockOptions, type OffsetFlags, type WaitFlags } from "./image-options.js";

export function registerCat(program: Command): void {
  const command = program
    .command("cat")
    .description("write a file from an image to standard output")
    .argument("<img>", "FAT16 image")
    .argument("<path>", "file on the image");
  addWaitOption(addOffsetOption(command), "reads").action(async (image: string, target: string, flags: OffsetFlags & WaitFlags) => {
    const { catFile } = await import("../../image/read.js");
    const bytes = await catFile(image, target, { offset: flags.offset, lock: lockOptions("cat", flags) });
    await new Promise<void>((resolve, reject) => {
      process.stdout.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  });
}
