/**
 * `mkimg info FILE [--json]`: an LLBC module's header fields, its layout, the CRC status and a
 * verdict. An invalid module prints what can be decoded, then fails with the one-line error.
 */
import type { Command } from "commander";

export function registerInfo(program: Command): void {
  program
    .command("info")
    .description("show an LLBC module's header, layout, CRC status and whether it is valid")
    .argument("<file>", "a wrapped module (.mod or .bc with an LLBC header)")
    .option("--json", "print one JSON object")
    .action(async (file: string, flags: { json?: boolean }) => {
      const { infoCommand } = await import("./info-action.js");
      infoCommand(file, flags.json === true);
    });
}
