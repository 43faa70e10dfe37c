/**
 * `mkimg exec PROG.elf [ARGS...] [--max-steps N] [--stats] [--no-translate]`: runs a static i386 Linux ELF in the
 * emulator, passing through what it writes to fds 1 and 2 and exiting with its exit status.
 * A guest fault prints one line (`mkimg: PROG.elf: page fault writing 0x00000000 at eip ...: mov
 * dword ptr [eax],1`) and exits with 128 + the signal Linux would send (SIGSEGV 139, SIGFPE 136,
 * SIGILL 132, SIGTRAP 133), as a shell reports a native crash; hitting --max-steps exits 124.
 * Guest arguments that start with "-" go after `--`.
 */
import type { Command } from "commander";
import { InputError } from "../../errors.js";

interface ExecFlags {
  maxSteps?: string;
  stats?: boolean;
  translate: boolean;
}

export function registerExec(program: Command): void {
  program
    .command("exec")
    .description("run a static i386 Linux ELF in the x86 emulator")
    .argument("<program>", "static i386 ELF executable (ET_EXEC)")
    .argument("[args...]", "arguments for the program (after -- if they start with -)")
    .option("--max-steps <n>", "stop after N instructions (exit status 124)")
    .option("--stats", "print instructions executed and MIPS to standard error")
    .option("--no-translate", "interpret only (do not translate hot blocks to JavaScript)")
    .action(async (file: string, args: string[], flags: ExecFlags) => {
      const { readFile } = await import("node:fs/promises");
      const { runElf } = await import("../../emu/linux.js");
      const { exitStatusOf, describeStop } = await import("../../emu/stop-text.js");
      const maxSteps = parseSteps(flags.maxSteps);
      const image = await readImage(readFile, file);
      const result = runElf(image, {
        file,
        argv: [file, ...args],
        maxSteps,
        translate: flags.translate,
        stdout: (bytes) => process.stdout.write(bytes),
        stderr: (bytes) => process.stderr.write(bytes),
      });
      const text = describeStop(result.stop);
      if (text !== undefined) process.stderr.write(`mkimg: ${file}: ${text}\n`);
      if (flags.stats) {
        const mips = result.instructions / Math.max(result.seconds, 1e-9) / 1e6;
        process.stderr.write(
          `mkimg: ${file}: ${result.instructions} instructions in ${result.seconds.toFixed(3)} s, ${mips.toFixed(1)} MIPS\n`,
        );
      }
      process.exitCode = exitStatusOf(result.stop);
    });
}

function parseSteps(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text)) throw new InputError("--max-steps", `not a number of instructions: ${text}`);
  return Number(text);
}

async function readImage(readFile: (path: string) => Promise<Buffer>, file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(error)})`);
  }
}
