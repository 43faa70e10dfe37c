/**
 * Inlined guest memory accesses for translated code: a TLB-like fast path.
 *
 * Template sources access memory through `memory.read8/16/32(address)` and
 * `memory.write8/16/32(address, value);`. In a large generated function V8 stops inlining those
 * calls once its inlining budget is spent, so the region translator rewrites them here into the
 * fast path itself: one load of the page's slot from the memory's fast tables (memory.ts
 * `fastTables`: permissions known, page allocated, not code, not watched), a check that the
 * access stays inside the page, and a DataView access; everything else (unmapped, forbidden,
 * crossing a page, a page holding decoded code, a watched page) calls the memory as before and
 * takes its slow path. Results, faults and code invalidation are the memory's own.
 *
 * Reads are expressions and use numbered temporaries `aN`, `sN` (the caller declares them); writes must be statements (followed by `;`) and use block-scoped constants
 * (`wa`, `wv`, `ws`).
 */
import { FAST_READ, FAST_WRITE } from "./memory.js";

/** Per access size: the DataView method suffix and the last in-page offset the access may start at. */
const ACCESS: Record<string, { view: string; limit: number }> = {
  "8": { view: "Uint8", limit: 0xfff },
  "16": { view: "Uint16", limit: 0xffe },
  "32": { view: "Int32", limit: 0xffc },
};

const CALL = /\bmemory\.(read|write)(8|16|32)\(/g;

/** The index just past the parenthesis that closes the one before `start`, and the top-level comma positions. */
function closing(text: string, start: number): { end: number; commas: number[] } {
  let depth = 1;
  const commas: number[] = [];
  for (let at = start; at < text.length; at++) {
    const char = text[at];
    if (char === "(" || char === "[") depth++;
    else if (char === ")" || char === "]") depth--;
    else if (char === "," && depth === 1) commas.push(at);
    if (depth === 0) return { end: at + 1, commas };
  }
  throw new Error(`internal error: unbalanced memory access in template: ${text}`);
}

/** The source with every memory access inlined; `temporaries` counts the read temporaries used so far. */
export function inlineMemory(text: string, temporaries: { count: number }): string {
  let out = "";
  let from = 0;
  for (let match = CALL.exec(text); match !== null; match = CALL.exec(text)) {
    const [call, kind, size] = match;
    const argumentsStart = match.index + call.length;
    const { end, commas } = closing(text, argumentsStart);
    const { view, limit } = ACCESS[size];
    const check = size === "8" ? "" : ` && (a & 0xfff) <= ${limit}`;
    if (kind === "read") {
      const address = text.slice(argumentsStart, end - 1);
      const n = temporaries.count++;
      const a = `a${n}`;
      const s = `s${n}`;
      out += text.slice(from, match.index) +
        `(${a} = ${address}, ((${s} = slots[${a} >>> 12]) & ${FAST_READ}) !== 0${check.replace("a &", `${a} &`)} ? views[${s} >> 2].get${view}(${a} & 0xfff, true) : memory.read${size}(${a}))`;
      from = end;
    } else {
      if (commas.length !== 1 || text[end] !== ";") throw new Error(`internal error: memory write is not a statement: ${text}`);
      const address = text.slice(argumentsStart, commas[0]);
      const value = text.slice(commas[0] + 1, end - 1);
      out += text.slice(from, match.index) +
        `{ const wa = ${address}; const wv = ${value}; const ws = slots[wa >>> 12]; ` +
        `if ((ws & ${FAST_WRITE}) !== 0${check.replace("a &", "wa &")}) views[ws >> 2].set${view}(wa & 0xfff, wv, true); else memory.write${size}(wa, wv); }`;
      from = end + 1;
    }
    CALL.lastIndex = end; // an access nested in an address stays a call
  }
  CALL.lastIndex = 0;
  return out + text.slice(from);
}
