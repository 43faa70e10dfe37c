/**
 * The list of commands. Each entry registers one command on the program; keep registration
 * modules light (no heavy imports at top level) so that start-up stays fast.
 * Add a line here for a new command; keep the list in the order `--help` should show.
 */
import type { Command } from "commander";
import { registerNew } from "./new.js";
import { registerWrap } from "./wrap.js";
import { registerInfo } from "./info.js";

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerNew,
  registerWrap,
  registerInfo,
];
