/**
 * `mkimg wrap IN.bc [-o OUT] [--name N] [--entry E] [--opt 0-3] [--version V] [--layout 128|120]`:
 * puts an LLBC header in front of raw LLVM bitcode. OUT defaults to IN with its extension
 * replaced by `.mod`; the name to IN's stem; the entry to the name.
 */
import { Command, InvalidArgumentError } from "commander";

interface WrapFlags {
  output?: string;
  name?: string;
  entry?: string;
  opt?: number;
  version?: number;
  layout?: 128 | 120;
}

export function registerWrap(program: Command): void {
  // `--version` here is the header's field; the program's own `-V, --version` must then be
  // recognised only before the subcommand.
  program.enablePositionalOptions();
  program
    .command("wrap")
    .description("wrap raw LLVM bitcode in an LLBC module header")
    .argument("<input>", "raw LLVM bitcode (.bc)")
    .option("-o, --output <file>", "output file (default: input with extension .mod)")
    .option("--name <name>", "module name, at most 31 printable ASCII characters (default: input's stem)")
    .option("--entry <symbol>", "entry function, at most 63 characters (default: the name)")
    .option("--opt <level>", "optimisation level recorded in the header, 0-3 (default 0)", parseOptLevel)
    .option("--version <n>", "version recorded in the header, unsigned 32-bit (default 1)", parseVersion)
    .option("--layout <bytes>", "header layout: 128 (ours, default) or 120 (BareFlow's unfixed loader)", parseLayout)
    .action(async (input: string, flags: WrapFlags) => {
      const { wrapCommand } = await import("./wrap-action.js");
      wrapCommand(input, flags);
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

function parseLayout(value: string): 128 | 120 {
  if (value === "128") return 128;
  if (value === "120") return 120;
  throw new InvalidArgumentError("expected 128 or 120.");
}
