/**
 * What the tests need from llvm-dis and llvm-bcanalyzer output, parsed independently of our
 * printer: per function, its blocks and the opcode of each instruction; global names; and
 * the count of each INST_* record in a bcanalyzer dump.
 */

export interface DisassembledFunction { readonly name: string; readonly blocks: number; readonly opcodes: string[] }

export interface Disassembly {
  readonly globals: string[];
  readonly declarations: string[];
  readonly definitions: DisassembledFunction[];
}

const globalLine = /^@([-\w.$]+|"[^"]*") = /;
const declareLine = /^declare .*?@([-\w.$]+|"[^"]*")\(/;
const defineLine = /^define .*?@([-\w.$]+|"[^"]*")\(/;

export function parseDisassembly(text: string): Disassembly {
  const globals: string[] = [];
  const declarations: string[] = [];
  const definitions: DisassembledFunction[] = [];
  let current: { name: string; blocks: number; opcodes: string[] } | undefined;
  for (const line of text.split("\n")) {
    if (current !== undefined) {
      if (line === "}") {
        definitions.push(current);
        current = undefined;
      } else if (/^[-\w.$]+:/.test(line) || /^"[^"]*":/.test(line)) {
        // The entry block is counted already; it is labelled only when named.
        if (current.opcodes.length > 0) current.blocks++;
      } else if (/^  \S/.test(line) && !/^  \]/.test(line)) {
        current.opcodes.push(opcodeOf(line));
      }
      continue;
    }
    const global = globalLine.exec(line);
    if (global !== null && !/= (\w+ )*(alias|ifunc) /.test(line)) globals.push(global[1]!);
    const declared = declareLine.exec(line);
    if (declared !== null) declarations.push(declared[1]!);
    const defined = defineLine.exec(line);
    if (defined !== null) current = { name: defined[1]!, blocks: 1, opcodes: [] };
  }
  return { globals, declarations, definitions };
}

/** `%5 = tail call i32 @f(...)` -> `call`. */
function opcodeOf(line: string): string {
  const words = line.trim().replace(/^%[-\w.$"]+ = /, "").split(/\s+/);
  let index = 0;
  while (["tail", "musttail", "notail"].includes(words[index]!)) index++;
  return words[index]!;
}

/** Counts of each record name in a `llvm-bcanalyzer -dump` (e.g. INST_LOAD -> 12). */
export function recordCounts(dump: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of dump.matchAll(/^\s*<([A-Z_0-9]+)(?: |\/>)/gm)) {
    const name = match[1]!;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
