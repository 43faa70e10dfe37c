/**
 * `mkimg add FILE... [--image IMG] [--as NAME] [--replace] [--dir PATH] [--name N] [--entry E]
 * [--opt 0-3] [--version V] [--clang PATH] [--create] [--size SIZE] [--offset BYTES]
 * [--wait SECONDS]`: puts modules on an image in one transaction, under the image's exclusive
 * lock. C sources (.c) are compiled first, as `mkimg cc` would (src/module/compile-c.ts).
 */
import { Command, InvalidArgumentError } from "commander";
import { parseSize } from "./new.js";
import { addOffsetOption, addWaitOption, lockOptions, type OffsetFlags, type WaitFlags } from "./image-options.js";

interface AddFlags extends OffsetFlags, WaitFlags {
  image?: string;
  as?: string;
  replace?: boolean;
  dir?: string;
  name?: string;
  entry?: string;
  opt?: number;
  version?: number;
  create?: boolean;
  size?: number;
  clang?: string;
}

export function registerAdd(program: Command): void {
  program.enablePositionalOptions();
  const command = program
    .command("add")
    .description("add modules to an image (raw bitcode is wrapped), all in one transaction")
    .argument("<files...>", "raw LLVM bitcode (.bc), wrapped LLBC modules, or C sources (.c, compiled with clang 14-19)")
    .option("--image <img>", "the image (default images/disk.img, created 16 MiB BAREFLOW if absent)")
    .option("--create", "create the --image if it does not exist (16 MiB, label BAREFLOW)")
    .option("--size <size>", "size of an image this add creates (K, M or G; implies --create)", parseSize)
    .option("--as <name>", "the 8.3 name on the disk, for a single file (default: STEM.BC)")
    .option("--replace", "overwrite files that already exist")
    .option("--dir <path>", "directory on the image (default: the root, where the kernel looks)")
    .option("--name <name>", "module name when wrapping (default: the file's stem)")
    .option("--entry <symbol>", "entry function when wrapping")
    .option("--opt <level>", "optimisation level recorded when wrapping, 0-3 (C sources are compiled at it; default 2 for them)", parseOptLevel)
    .option("--version <n>", "version recorded when wrapping", parseVersion)
    .option("--clang <path>", "the clang that compiles C sources (default: the first of clang-14 ... clang-19, clang on PATH)");
  addWaitOption(addOffsetOption(command), "writes").action(async (files: string[], flags: AddFlags) => {
    const { addModules } = await import("../../image/add.js");
    const added = await addModules(files, {
      image: flags.image,
      as: flags.as,
      replace: flags.replace,
      directory: flags.dir,
      name: flags.name,
      entry: flags.entry,
      optLevel: flags.opt,
      version: flags.version,
      clang: flags.clang,
      create: flags.create === true || flags.size !== undefined,
      ...(flags.size === undefined ? {} : { sizeBytes: flags.size }),
      offset: flags.offset,
      lock: lockOptions("add", flags),
    });
    const image = flags.image ?? "images/disk.img";
    const lines = added.map(
      (file) =>
        `${image}: ${file.replaced ? "replaced" : "added"} ${file.diskPath} (${file.size} bytes, ` +
        `${file.compiledWith !== undefined ? `compiled by ${file.compiledWith} from` : file.wrapped ? "wrapped from" : "module"} ${file.source})\n`,
    );
    process.stdout.write(lines.join(""));
  });
}

function parseOptLevel(value: string): number {
  if (!/^[0-3]$/.test(value)) throw new InvalidArgumentError("expected 0, 1, 2 or 3.");
  return Number(value);
}

function parseVersion(value: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number <= 0xffffffff)) throw new InvalidArgumentError("expected an unsigned 32-bit integer.");
  return number;
}
