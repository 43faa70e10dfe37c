/**
 * The mkimg command line: builds the commander program from one small registration module per
 * command (src/cli/commands/), runs it, and turns errors into one line and an exit status.
 *
 * Start-up must stay fast (`mkimg --help` well under 200 ms): registration modules import only
 * commander and light helpers; each command's action loads its layer with a dynamic import.
 * This is the only place that touches process.exit.
 */
import { Command, CommanderError } from "commander";
import { InputError } from "../errors.js";
import { commands } from "./commands/index.js";

export const EXIT_INPUT_ERROR = 2;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("mkimg")
    .description(
      "Wrap LLVM bitcode modules, put them on FAT16 disk images for the BareFlow kernel, " +
        "and JIT-run them on a simulated kernel.",
    )
    .configureOutput({ outputError: (text, write) => write(`mkimg: ${text.replace(/^error: /, "")}`) })
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run `mkimg --help` for usage)")
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

const VERSION = "0.1.0";

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

/** Prints the error as one line and returns the exit status. */
function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (or the help / version text).
    return error.exitCode === 0 ? 0 : EXIT_INPUT_ERROR;
  }
  if (error instanceof InputError) {
    process.stderr.write(`mkimg: ${error.message}\n`);
    return EXIT_INPUT_ERROR;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`mkimg: internal error: ${text}\n`);
  return 1;
}
