/**
 * The last question `mkimg check` asks about a module whose header and CRC are valid: would the
 * kernel's loader get past its bitcode? src/fat/kernel-view.ts checks what the FAT layer can
 * see (name, place, header, CRC); the bitcode reader sits above that layer, so the bitcode is
 * read here, with the reader the loader uses. A module that is only LLVM's magic, or whose
 * bitcode is corrupt, is then reported as not loadable, naming the offset in the module file.
 * So is a module whose header names a dependency (LIBC.BC) that is not in the root directory.
 */
import { readBitcode } from "../bitcode/reader.js";
import { InputError } from "../errors.js";
import type { CheckReport } from "../fat/check.js";
import type { ModuleReport } from "../fat/kernel-view.js";
import type { Fat16Reader } from "../fat/reader.js";
import { parseModule } from "../module/header.js";

/** Marks every loadable module of `report` whose bitcode does not read as not loadable. */
export function checkBitcode(report: CheckReport, reader: Fat16Reader): void {
  for (const module of report.modules) {
    if (!module.loadable) continue;
    const problem = bitcodeProblem(module, reader);
    if (problem === undefined) continue;
    module.loadable = false;
    module.problems.push(problem);
    report.findings.push({ kind: "module", path: module.path, message: `${module.path}: the kernel cannot load it: ${problem}` });
  }
}

function bitcodeProblem(module: ModuleReport, reader: Fat16Reader): string | undefined {
  const entry = reader.lookup(module.path);
  if (entry === undefined) return undefined;
  const where = `${reader.file}:${module.path}`;
  try {
    const parsed = parseModule(reader.readFile(entry), where);
    readBitcode(parsed.bitcode, { file: where, force: true, offset: parsed.layout });
    const stem = parsed.header.dependency;
    if (stem !== undefined && reader.lookup(`/${stem}.BC`) === undefined) {
      return `needs ${stem}.BC (its header's dependency), which is not in the root directory`;
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return `invalid bitcode: ${error.message.startsWith(`${where}: `) ? error.message.slice(where.length + 2) : error.message}`;
  }
}
