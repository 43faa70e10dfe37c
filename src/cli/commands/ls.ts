/**
 * `mkimg ls IMG [PATH] [-l] [-R] [--json] [--offset BYTES] [--wait SECONDS]`: names, sizes,
 * times; with -l (and in JSON) the module header of every LLBC module and the 8.3 name where
 * it differs.
 */
import type { Command } from "commander";
import { addOffsetOption, addWaitOption, lockOptions, type OffsetFlags, type WaitFlags } from "./image-options.js";

interface LsFlags extends OffsetFlags, WaitFlags {
  long?: boolean;
  recursive?: boolean;
  json?: boolean;
}

export function registerLs(program: Command): void {
  const command = program
    .command("ls")
    .description("list an image's files (and the header of every module with -l)")
    .argument("<img>", "FAT16 image")
    .argument("[path]", "directory or file on the image", "/")
    .option("-l, --long", "also the 8.3 name and each module's header")
    .option("-R, --recursive", "list subdirectories too")
    .option("--json", "JSON (includes module headers)");
  addWaitOption(addOffsetOption(command), "reads").action(async (image: string, target: string, flags: LsFlags) => {
    const [{ listImage }, { formatListing }, { normaliseImagePath }] = await Promise.all([
      import("../../image/list.js"),
      import("../../image/list-format.js"),
      import("../../image/paths.js"),
    ]);
    const detailed = flags.long === true || flags.json === true;
    const entries = await listImage(image, target, {
      offset: flags.offset,
      recursive: flags.recursive,
      modules: detailed,
      lock: lockOptions("ls", flags),
    });
    const form = flags.json === true ? "json" : flags.long === true ? "long" : "plain";
    process.stdout.write(formatListing(entries, form, normaliseImagePath(target, image)));
  });
}
