/**
 * The kernel's view of an image: which modules BareFlow could load, and why not the others.
 *
 * A file is taken for a module if its name ends in .BC or .MOD (short or long name) or it starts
 * with the LLBC magic. BareFlow's driver (shared/notes/bareflow-kernel.md) reads the root
 * directory only and matches the 11 raw short-name bytes against the requested name uppercased
 * and cut to 8 + 3; its loader checks the header (src/module/header.ts). Each reason a module
 * cannot be loaded is a finding; a loadable module is reported with its header and layout.
 */
import { InputError } from "../errors.js";
import { isWrappedModule, parseModule, MAX_BITCODE_SIZE, HEADER_SIZE, type CrcStatus, type Layout } from "../module/header.js";
import type { DirEntry } from "./direntry.js";
import type { Finding } from "./check.js";
import { kernelLookupName, formatShortName } from "./names.js";
import type { Fat16Reader } from "./reader.js";

export interface ModuleReport {
  path: string;
  shortName: string;
  loadable: boolean;
  /** Header fields, when the header is valid. */
  name?: string;
  entry?: string;
  optLevel?: number;
  version?: number;
  bitcodeSize?: number;
  layout?: Layout;
  crcStatus?: CrcStatus;
  problems: string[];
}

const MODULE_EXTENSIONS = /\.(bc|mod)$/i;

export function checkModules(reader: Fat16Reader, files: DirEntry[], findings: Finding[]): ModuleReport[] {
  const reports: ModuleReport[] = [];
  for (const entry of files) {
    if (!looksLikeModule(reader, entry)) continue;
    const report: ModuleReport = { path: entry.path, shortName: entry.shortName, loadable: false, problems: [] };
    if (entry.path.lastIndexOf("/") !== 0) {
      report.problems.push("in a subdirectory (the kernel reads the root directory only)");
    }
    const asked = entry.longName;
    if (asked !== undefined && kernelLookupName(asked) !== entry.rawName) {
      const looked = formatShortName(Uint8Array.from(kernelLookupName(asked), (character) => character.charCodeAt(0)));
      report.problems.push(`no exact 8.3 short name (the kernel looks up "${asked}" as ${looked}; the short name is ${entry.shortName})`);
    }
    readHeader(reader, entry, report);
    report.loadable = report.problems.length === 0;
    for (const problem of report.problems) {
      findings.push({ kind: "module", path: entry.path, message: `${entry.path}: the kernel cannot load it: ${problem}` });
    }
    reports.push(report);
  }
  return reports;
}

function looksLikeModule(reader: Fat16Reader, entry: DirEntry): boolean {
  if (MODULE_EXTENSIONS.test(entry.shortName) || MODULE_EXTENSIONS.test(entry.name)) return true;
  if (entry.size < 4 || entry.firstCluster < 2 || entry.firstCluster > reader.lastCluster) return false;
  return isWrappedModule(reader.readSectorAt(reader.clusterLba(entry.firstCluster)));
}

function readHeader(reader: Fat16Reader, entry: DirEntry, report: ModuleReport): void {
  if (entry.size > MAX_BITCODE_SIZE + HEADER_SIZE) {
    report.problems.push(`${entry.size} bytes: larger than a header and the kernel's 1 MiB of bitcode`);
    return;
  }
  const where = `${reader.file}:${entry.path}`;
  try {
    const parsed = parseModule(reader.readFile(entry), where, { tolerateBadCrc: true });
    const { header } = parsed;
    Object.assign(report, {
      name: header.name, entry: header.entry, optLevel: header.optLevel, version: header.version,
      bitcodeSize: header.bitcodeSize, layout: parsed.layout, crcStatus: parsed.crcStatus,
    });
    if (parsed.crcStatus === "bad") report.problems.push("the bitcode's CRC-32 does not match the header (corrupted)");
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const text = error.message.startsWith(`${where}: `) ? error.message.slice(where.length + 2) : error.message;
    report.problems.push(error.file === where ? `invalid module: ${text}` : `unreadable: ${text}`);
  }
}
