/**
 * Fuzz worker: reads each mutated bitcode it is sent with the built reader (dist/), then
 * prints and verifies the module, and answers with the outcome. Runs in a worker thread so the
 * test can stop it when a case hangs or exhausts its memory limit.
 */
import { parentPort } from "node:worker_threads";

const root = new URL("../../../dist/", import.meta.url);
const { readBitcode } = await import(new URL("bitcode/reader.js", root).href);
const { checkModule } = await import(new URL("ir/verify.js", root).href);
const { printModule } = await import(new URL("ir/print.js", root).href);
const { InputError } = await import(new URL("errors.js", root).href);

/** Messages of InputErrors that only wrap an exception of the reader itself (a bug, not bad input). */
const wrappedBug = /^corrupt bitcode \(|internal error/;

function classify(error, name) {
  if (error instanceof InputError) {
    if (wrappedBug.test(error.what)) return { kind: "crash", message: error.message };
    // One line, naming the file: what the CLI prints after "mkimg: ".
    if (!error.message.startsWith(`${name}: `) || error.message.includes("\n")) {
      return { kind: "crash", message: `badly formed error message: ${JSON.stringify(error.message)}` };
    }
    return { kind: "refused", message: error.what };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message} ${String(error.stack).split("\n").slice(1, 4).join(" ")}` : String(error);
  return { kind: "crash", message };
}

parentPort.on("message", ({ index, bytes, name }) => {
  let outcome;
  try {
    const module = readBitcode(bytes, { file: name });
    printModule(module); // the printer must cope with whatever the reader built, valid or not
    checkModule(module, name);
    outcome = { kind: "read" };
  } catch (error) {
    outcome = classify(error, name);
  }
  parentPort.postMessage({ index, ...outcome });
  if (process.env.IR_FUZZ_LOG) console.log(outcome.kind, outcome.message);
});
parentPort.postMessage({ ready: true });
