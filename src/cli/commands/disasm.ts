/**
 * `mkimg disasm [IMG] MODULE [--function F] [--syntax intel|gas]`: the micro-JIT's code for a
 * module, disassembled by iced-x86 and labelled with the IR's block names. MODULE is a .bc
 * file, a wrapped module file, `disk.img:FIB.BC`, or (after IMG) a module's header or file name
 * on the image. Code is compiled at the kernel's addresses, with services at theirs.
 * `--elf OUT` writes the code as an ELF with symbols (src/jit/elf.ts) at `mkimg run`'s addresses.
 */
import { Command, InvalidArgumentError } from "commander";
import { addWaitOption, parseTier, type WaitFlags } from "./image-options.js";
import type { Tier } from "../../jit/tiers.js";

export interface DisasmFlags extends WaitFlags { function?: string; syntax: "intel" | "gas"; anyPath?: boolean; elf?: string; tier?: Tier }

export function registerDisasm(program: Command): void {
  const command = program
    .command("disasm")
    .description("show the x86 code the micro-JIT makes for a module, labelled with its IR blocks")
    .argument("<words...>", "[IMG] MODULE: a .bc or wrapped module file, IMG:PATH, or IMG and a module name")
    .option("--function <name>", "only this function")
    .option("--syntax <syntax>", "intel or gas", parseSyntax, "intel")
    .option("--tier <n>", "the code of JIT tier N (0 slots, 1 register allocation; 2, 3 as 1 for now); default the header's opt_level, else 0", parseTier)
    .option("--any-path", "on an image, also find modules in subdirectories and by long names")
    .option("--elf <file>", "write the code as an ELF32 file instead, at mkimg run's addresses (default pools), " +
      "functions and IR blocks as symbols: for objdump -d and gdb (file OUT)");
  addWaitOption(command, "reads").action(async (words: string[], flags: DisasmFlags) => {
    const { disasmCommand } = await import("./disasm-action.js");
    process.stdout.write(disasmCommand(words, flags));
  });
}

function parseSyntax(value: string): "intel" | "gas" {
  if (value !== "intel" && value !== "gas") throw new InvalidArgumentError("expected intel or gas.");
  return value;
}
