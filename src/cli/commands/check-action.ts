/**
 * The work behind `mkimg check`: runs the check and prints one line per finding, one line per
 * module, and a summary; or the whole report as JSON. Returns the exit status (0 clean, 1 problems).
 */
import { printable } from "../../errors.js";
import { withImageRead } from "../../disk/access.js";
import { checkImage, plural, type CheckReport } from "../../fat/check.js";
import { openFat16Image } from "../../fat/reader.js";
import { checkBitcode } from "../../kernel/loadable.js";
import type { ModuleReport } from "../../fat/kernel-view.js";
import { lockOptions } from "./image-options.js";

export interface CheckOptions {
  json?: boolean;
  offset?: number;
  wait?: number;
}

export function checkCommand(image: string, options: CheckOptions): number {
  // Like every command: under the image's lock, after finishing (or dropping) a transaction a
  // crash interrupted (docs/JOURNAL.md).
  const { recovery, report } = withImageRead(image, lockOptions("check", options), (recovery) => ({
    recovery,
    report: checkWithBitcode(image, options.offset ?? 0),
  }));
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ ...jsonReport(report), recovery }, null, 2)}\n`);
  } else {
    if (recovery !== "none") process.stdout.write(`${image}: ${RECOVERY_TEXT[recovery]}\n`);
    process.stdout.write(textReport(report));
  }
  return report.findings.length === 0 ? 0 : 1;
}

/** The FAT layer's check, then the bitcode of each module it found loadable (kernel/loadable.ts). */
function checkWithBitcode(image: string, offset: number): CheckReport {
  const opened = openFat16Image(image, offset);
  try {
    const report = checkImage(opened.reader);
    checkBitcode(report, opened.reader);
    return report;
  } finally {
    opened.close();
  }
}

const RECOVERY_TEXT = {
  replayed: "finished an interrupted transaction (its journal was complete and has been replayed)",
  discarded: "dropped an interrupted transaction (its journal was incomplete; the image was not touched)",
} as const;

export function textReport(report: CheckReport): string {
  const lines = report.findings.map((finding) => `${report.image}: ${finding.message}`);
  for (const module of report.modules) {
    if (module.loadable) lines.push(`${report.image}: ${module.path}: ${describeModule(module)}`);
  }
  lines.push(`${report.image}: ${summary(report)}`);
  return `${lines.map(printable).join("\n")}\n`;
}

function describeModule(module: ModuleReport): string {
  return (
    `module ${module.name}, entry ${module.entry}, O${module.optLevel}, version ${module.version}, ` +
    `${module.bitcodeSize} bytes of bitcode, layout ${module.layout}, CRC ${module.crcStatus}`
  );
}

function summary(report: CheckReport): string {
  const verdict = report.findings.length === 0 ? "clean" : plural(report.findings.length, "problem", "problems");
  const loadable = report.modules.filter((module) => module.loadable).length;
  return (
    `${verdict}; ${plural(report.files, "file", "files")}, ${plural(report.directories, "directory", "directories")}, ` +
    `${plural(report.modules.length, "module", "modules")} (${loadable} loadable), ` +
    `${report.usedClusters} of ${report.clusterCount} clusters used`
  );
}

function jsonReport(report: CheckReport): object {
  return { ...report, clean: report.findings.length === 0 };
}
