/**
 * The list of commands. Each entry registers one command on the program; keep registration
 * modules light (no heavy imports at top level) so that start-up stays fast.
 * Add a line here for a new command; keep the list in the order `--help` should show.
 */
import type { Command } from "commander";
import { registerNew } from "./new.js";
import { registerCheck } from "./check.js";
import { registerWrap } from "./wrap.js";
import { registerCc } from "./cc.js";
import { registerInfo } from "./info.js";
import { registerAdd } from "./add.js";
import { registerLs } from "./ls.js";
import { registerCat } from "./cat.js";
import { registerExtract } from "./extract.js";
import { registerRm } from "./rm.js";
import { registerMkdir } from "./mkdir.js";
import { registerMv } from "./mv.js";
import { registerExec } from "./exec.js";
import { registerRun } from "./run.js";
import { registerDisasm } from "./disasm.js";
import { registerIr } from "./ir.js";

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  // modules
  registerCc,
  registerWrap,
  registerInfo,
  // images
  registerNew,
  registerAdd,
  registerLs,
  registerCat,
  registerExtract,
  registerRm,
  registerMkdir,
  registerMv,
  registerCheck,
  // bitcode, JIT, kernel, emulator
  registerIr,
  registerRun,
  registerDisasm,
  registerExec,
];
