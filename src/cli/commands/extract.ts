/** `mkimg extract IMG [PATH...] [-C DIR] [--offset BYTES] [--wait SECONDS]`: copy files out into a folder. */
import type { Command } from "commander";
import { printable } from "../../errors.js";
import { addOffsetOption, addWaitOption, lockOptions, type OffsetFlags, type WaitFlags } from "./image-options.js";

interface ExtractFlags extends OffsetFlags, WaitFlags {
  directory: string;
}

export function registerExtract(program: Command): void {
  const command = program
    .command("extract")
    .description("copy files (default: all) from an image into a folder")
    .argument("<img>", "FAT16 image")
    .argument("[paths...]", "files or directories on the image (default: everything)")
    .option("-C, --directory <dir>", "folder to extract into", ".");
  addWaitOption(addOffsetOption(command), "reads").action(async (image: string, targets: string[], flags: ExtractFlags) => {
    const { extractFiles } = await import("../../image/read.js");
    const extracted = await extractFiles(image, targets, flags.directory, { offset: flags.offset, lock: lockOptions("extract", flags) });
    const lines = extracted.map((file) =>
      file.directory ? `${printable(file.outputPath)}/\n` : `${printable(file.outputPath)} (${file.size} bytes)\n`,
    );
    process.stdout.write(lines.join(""));
  });
}
