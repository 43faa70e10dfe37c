/** `mkimg cat IMG PATH [--offset BYTES]`: a file's raw bytes to standard output. */
import type { Command } from "commander";
import { addOffsetOption, type OffsetFlags } from "./image-options.js";

export function registerCat(program: Command): void {
  const command = program
    .command("cat")
    .description("write a file from an image to standard output")
    .argument("<img>", "FAT16 image")
    .argument("<path>", "file on the image");
  addOffsetOption(command).action(async (image: string, target: string, flags: OffsetFlags) => {
    const { catFile } = await import("../../image/read.js");
    const bytes = await catFile(image, target, { offset: flags.offset });
    await new Promise<void>((resolve, reject) => {
      process.stdout.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  });
}
