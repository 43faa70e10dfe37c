/**
 * The interpreter loop, generated from the instruction table (table/): one `switch` on the
 * instruction's template number with a case for each template handler the table's forms use
 * (templates.ts, fast.ts), whose body is the template, so the hottest forms run without a call;
 * every other instruction calls its handler. A case checks for dropped code when the table says
 * a form using its template may write memory. Built once, on first use.
 *
 * `interpret(machine, instructions, count)` runs the first `count` instructions of a block and
 * returns how many ran: fewer when an instruction wrote to a page holding decoded code (the rest
 * of the block may be stale; EIP is then set to the next instruction). When an instruction
 * throws (a fault or a stop), `machine.blockIndex` is set to its index first.
 */
import { HELPER_NAMES, HELPERS, TEMPLATE_BODIES, templateNumber } from "./handlers/templates.js";
import type { DecodedInstruction } from "./instruction.js";
import type { Machine } from "./machine.js";
import { FORMS, formHandlers, writesMemory } from "./table/index.js";

export type Interpreter = (machine: Machine, instructions: DecodedInstruction[], count: number) => number;

let built: Interpreter | undefined;

export function interpreter(): Interpreter {
  built ??= buildInterpreter();
  return built;
}

/** The template numbers the table's forms use, each with whether a form using it may write memory. */
function tableTemplates(): Map<number, boolean> {
  const templates = new Map<number, boolean>();
  for (const form of FORMS) {
    for (const { handler, memory } of formHandlers(form)) {
      const number = templateNumber(handler);
      if (number !== 0) templates.set(number, templates.get(number) === true || writesMemory(form, memory));
    }
  }
  return new Map([...templates].sort(([a], [b]) => a - b));
}

function buildInterpreter(): Interpreter {
  // Only instructions that write memory can drop decoded code, so only they check for it.
  const check = "if (m.codeGeneration !== generation) { if (k + 1 < count) m.eip = i.next; return k + 1; }";
  const cases = [...tableTemplates()].map(([number, writes]) => {
    const body = TEMPLATE_BODIES[number];
    if (/\breturn\b/.test(body)) throw new Error(`internal error: template ${number} contains return`);
    return `case ${number}: {\n${body}\n} ${writes ? check : ""} break;`;
  });
  const source = [
    "return function interpret(m, instructions, count) {",
    "const regs = m.regs;",
    "const generation = m.codeGeneration;",
    "let k = 0;",
    "try {",
    "for (; k < count; k++) {",
    "const i = instructions[k];",
    "switch (i.template) {",
    ...cases,
    `default: i.handler(m, i); ${check}`,
    "}",
    "}",
    "} catch (signal) { m.blockIndex = k; throw signal; }",
    "return count;",
    "};",
  ].join("\n");
  const factory = new Function(...HELPER_NAMES, source) as (...helpers: unknown[]) => Interpreter;
  return factory(...HELPER_NAMES.map((name) => HELPERS[name]));
}
