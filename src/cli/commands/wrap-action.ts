/**
 * The work of `mkimg wrap`, loaded only when the command runs.
 */
import { moduleStem, resolveDependency, resolveEntry, wrapModule, type Layout } from "../../module/index.js";
import { readInputFile, writeOutputFile } from "../../module/io.js";
import { crc32 } from "../../module/crc32.js";

export interface WrapCommandFlags {
  output?: string;
  name?: string;
  entry?: string;
  opt?: number;
  version?: number;
  layout?: Layout;
}

export function wrapCommand(input: string, flags: WrapCommandFlags): void {
  const bitcode = readInputFile(input);
  const name = flags.name ?? moduleStem(input);
  const entry = resolveEntry(bitcode, name, flags.entry, input);
  const layout = flags.layout ?? 128;
  const dependency = layout === 128 ? resolveDependency(bitcode, input) : undefined;
  const wrapped = wrapModule(bitcode, { name, entry, optLevel: flags.opt, version: flags.version, layout, dependency }, input);
  const output = flags.output ?? defaultOutput(input);
  writeOutputFile(output, wrapped);
  const crc = (layout === 128 ? `, crc 0x${crc32(bitcode).toString(16).padStart(8, "0")}` : ", no crc") +
    (dependency === undefined ? "" : `, needs ${dependency}.BC`);
  process.stdout.write(
    `${output}: module ${name}, entry ${entry}, ${bitcode.length} bytes of bitcode, layout ${layout}${crc}\n`,
  );
}

/** `dir/fib.bc` -> `dir/fib.mod`; a name without extension gets `.mod` appended. */
export function defaultOutput(input: string): string {
  const slash = input.lastIndexOf("/");
  const dot = input.lastIndexOf(".");
  return `${dot > slash + 1 ? input.slice(0, dot) : input}.mod`;
}
