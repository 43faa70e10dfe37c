/**
 * The mkimg command line: builds the commander program from one small registration module per
 * command (src/cli/commands/), runs it, and turns errors into one line and an exit status.
 *
 * Start-up must stay fast (`mkimg --help` well under 200 ms): registration modules import only
 * commander and light helpers; each command's action loads its layer with a dynamic import.
 * The commands that are run many times (add, ls, run) load only their own registration module,
 * not the whole table (about 9 ms less of a 60-90 ms start), and --version none; any other
 * first argument (another command, --help, help) builds the full program.
 * This is the only place that touches process.exit.
 */
import { Command, CommanderError } from "commander";
import { InputError } from "../errors.js";
import type { RegisterCommand } from "./commands/index.js";

/** Commands registered alone when they are the first argument. */
const SINGLE_COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  add: async () => (await import("./commands/add.js")).registerAdd,
  ls: async () => (await import("./commands/ls.js")).registerLs,
  run: async () => (await import("./commands/run.js")).registerRun,
};

/** The registrations `argv` needs: the named command's alone when it is in SINGLE_COMMANDS. */
export async function commandsFor(argv: string[]): Promise<RegisterCommand[]> {
  if (argv.length === 3 && (argv[2] === "--version" || argv[2] === "-V")) return [];
  const single = Object.hasOwn(SINGLE_COMMANDS, argv[2] ?? "") ? SINGLE_COMMANDS[argv[2]!] : undefined;
  if (single !== undefined) return [await single()];
  return (await import("./commands/index.js")).commands;
}

export const EXIT_INPUT_ERROR = 2;

export function buildProgram(commands: RegisterCommand[]): Command {
  const program = new Command();
  program
    .name("mkimg")
    .description(
      "Wrap LLVM bitcode modules, put them on FAT16 disk images for the BareFlow kernel, " +
        "and JIT-run them on a simulated kernel.",
    )
    // One line, as for every other error: commander's message, then where to find the usage.
    .configureOutput({ outputError: (text, write) => write(`mkimg: ${oneLine(text)} (run \`mkimg --help\` for usage)\n`) })
    .version(VERSION, "-V, --version")
    .exitOverride()
    // add's registration enables this too; set here so that a program with one command parses alike.
    .enablePositionalOptions();
  for (const register of commands) register(program);
  return program;
}

const VERSION = "0.1.0";

/** Commander's "error: unknown option '--x'\n" as "unknown option '--x'". */
function oneLine(text: string): string {
  return text.replace(/^error: /, "").trim().replace(/\s*\n\s*/g, " ");
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram(await commandsFor(argv));
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
