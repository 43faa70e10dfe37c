/**
 * A module-load log for test/cli/startup.test.ts: `node --import ./load-log.mjs bin/mkimg ...`
 * appends one line per module the process loads, ESM (import, import()) or CommonJS (require,
 * createRequire), to the file named by MKIMG_LOAD_LOG.
 */
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import { pathToFileURL } from "node:url";

const log = process.env.MKIMG_LOAD_LOG;
if (log) {
  register("./load-log-hooks.mjs", import.meta.url, { data: { log } });
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    appendFileSync(log, `require ${Module._resolveFilename(request, parent, isMain)}\n`);
    return load.apply(this, arguments);
  };
}
export const here = pathToFileURL(import.meta.filename).href;
