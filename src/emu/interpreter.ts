/**
 * The interpreter loop, generated from the same templates as the handlers (templates.ts,
 * fast.ts): one `switch` on the instruction's template number whose cases are the template
 * bodies, so the hottest forms run without a call; every other instruction calls its handler.
 * Built once, on first use, after the instruction table (table/) has compiled all templates;
 * which templates may write memory (and so check for dropped code) comes from that table.
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

/** Template numbers of handlers that may write memory (instruction table: the forms using them). */
function memoryWritingTemplates(): Set<number> {
  const numbers = new Set<number>();
  for (const form of FORMS) {
    for (const { handler, memory } of formHandlers(form)) {
      if (writesMemory(form, memory)) numbers.add(templateNumber(handler));
    }
  }
  return numbers;
}

function buildInterpreter(): Interpreter {
  // Only instructions that write memory can drop decoded code, so only they check for it.
  const check = "if (m.codeGeneration !== generation) { if (k + 1 < count) m.eip = i.next; return k + 1; }";
  const writing = memoryWritingTemplates();
  const cases = TEMPLATE_BODIES.slice(1).map((body, index) => {
    if (/\breturn\b/.test(body)) throw new Error(`internal error: template ${index + 1} contains return`);
    return `case ${index + 1}: {\n${body}\n} ${writing.has(index + 1) ? check : ""} break;`;
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
