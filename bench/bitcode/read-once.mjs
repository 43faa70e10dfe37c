/**
 * One whole-process run of mkimg's bitcode reader on a file, for bench/bitcode/run.mjs:
 *   node read-once.mjs FILE read|verify|print
 * `read` parses the module; `verify` also runs the verifier; `print` also prints it (to memory).
 */
import { readFileSync } from "node:fs";

const [file, mode = "read"] = process.argv.slice(2);
const dist = new URL("../../dist/", import.meta.url);
const { readBitcode } = await import(new URL("bitcode/reader.js", dist).href);
const module = readBitcode(new Uint8Array(readFileSync(file)), { file });
if (mode === "verify" || mode === "print") {
  const { verifyModule } = await import(new URL("ir/verify.js", dist).href);
  const errors = verifyModule(module);
  if (errors.length > 0) throw new Error(`verifier: ${errors[0].text} (${errors.length} problems)`);
}
if (mode === "print") {
  const { printModule } = await import(new URL("ir/print.js", dist).href);
  process.stderr.write(`printed ${printModule(module).length} characters\n`);
}
