/**
 * The normalisation that makes llvm-dis's text and our printer's comparable (docs/IR.md), used
 * by the differential tests and bench/bitcode:
 * drop comment lines (`; ModuleID`, `; Function Attrs`), `; preds` comments after labels,
 * attribute group definitions (`attributes #0 = {...}`) and references (` #0`), metadata
 * definitions (`!0 = ...`, `!llvm.ident = ...`) and attachments (`, !tbaa !5`), `uselistorder`
 * directives, trailing whitespace and blank lines. Edits never touch text inside quotes.
 * Debug info (-g): LLVM 19's `#dbg_value(...)` record lines are dropped and the metadata
 * arguments of `@llvm.dbg.*` calls become `(...)` (the reader does not read metadata).
 * Applied to both sides; on our printer's output it changes only blank lines and llvm.dbg.* calls.
 */

/** Apply `edit` to the parts of `line` outside double quotes (LLVM escapes `"` as `\22`). */
function outsideQuotes(line: string, edit: (text: string) => string): string {
  return line.split('"').map((part, index) => (index % 2 === 0 ? edit(part) : part)).join('"');
}

const labelWithComment = /^((?:"[^"]*"|[-\w.$]+):)\s+;.*$/;

export function normaliseLlvmText(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split("\n")) {
    if (raw.startsWith(";") || raw.startsWith("!") || /^attributes #\d+ = /.test(raw)) continue;
    if (/^\s*(uselistorder|#dbg_)/.test(raw)) continue;
    let line = raw.replace(labelWithComment, "$1").replace(/(@llvm\.dbg\.\w+)\(.*\)/, "$1(...)");
    line = outsideQuotes(line, (part) => part
      .replace(/ #\d+/g, "")
      .replace(/,? ![A-Za-z_.][\w.]* (?:!\d+|!\{[^}]*\})/g, ""));
    line = line.trimEnd();
    if (line !== "") lines.push(line);
  }
  return lines;
}

/** undefined if equal; else the first mismatch with context, like a unified diff hunk. */
export function firstDifference(expected: readonly string[], actual: readonly string[]): string | undefined {
  const length = Math.max(expected.length, actual.length);
  let index = 0;
  while (index < length && expected[index] === actual[index]) index += 1;
  if (index === length) return undefined;
  let owner = index;
  while (owner > 0 && !expected[owner]!.startsWith("define ")) owner -= 1;
  const context = expected.slice(Math.max(0, index - 3), index).map((line) => `  ${line}`);
  const theirs = expected.slice(index, index + 2).map((line) => `- ${line}`);
  const ours = actual.slice(index, index + 2).map((line) => `+ ${line}`);
  return [
    `first difference at normalised line ${index + 1} (llvm-dis has ${expected.length} lines, ours ${actual.length})` +
      (expected[owner]?.startsWith("define ") ? ` in ${expected[owner]}` : ""),
    `@@ llvm-dis (-) vs printModule (+) @@`, ...context, ...theirs, ...ours,
  ].join("\n");
}
