/** Module hooks (run off the main thread) of load-log.mjs: logs every resolved ESM URL. */
import { appendFileSync } from "node:fs";

let log = "";
export function initialize(data) {
  log = data.log;
}
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log, `import ${resolved.url}\n`);
  return resolved;
}
