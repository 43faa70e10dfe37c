/**
 * `mkimg ir FILE [--function NAME] [--force]`: reads a module (raw .bc, a wrapped module, or
 * `disk.img:FIB.BC`) with mkimg's own bitcode reader and prints its IR in LLVM's textual
 * syntax, the whole module or one function. `--force` reads bitcode from an LLVM version
 * mkimg has not been tested with.
 */
import type { Command } from "commander";
import { addWaitOption, type WaitFlags } from "./image-options.js";

export interface IrFlags extends WaitFlags { function?: string; force?: boolean }

export function registerIr(program: Command): void {
  const command = program
    .command("ir")
    .description("print a module's IR (LLVM textual syntax), as mkimg's bitcode reader understands it")
    .argument("<file>", "a .bc file, a wrapped module, or IMG:PATH for a file on a FAT16 image")
    .option("--function <name>", "only this function")
    .option("--force", "read bitcode from an LLVM version mkimg has not been tested with");
  addWaitOption(command, "reads").action(async (file: string, flags: IrFlags) => {
    const { irCommand } = await import("./ir-action.js");
    process.stdout.write(irCommand(file, flags));
  });
}
