/**
 * Text forms of a listing: plain (name, size, time, one line each; directories end in "/"),
 * long (plus the 8.3 name and, for modules, the header), and JSON. Names come from the image:
 * control characters in them are escaped (errors.ts, printable) in the text forms.
 */
import { printable } from "../errors.js";
import type { ListedEntry } from "./list.js";

export function formatListing(entries: ListedEntry[], form: "plain" | "long" | "json", relativeTo: string): string {
  if (form === "json") return `${JSON.stringify(entries, null, 2)}\n`;
  const lines = entries.map((entry) => (form === "long" ? longLine(entry, relativeTo) : plainLine(entry, relativeTo)));
  return lines.map((line) => `${line}\n`).join("");
}

function shownName(entry: ListedEntry, relativeTo: string): string {
  const prefix = relativeTo === "/" ? "/" : `${relativeTo}/`;
  const name = printable(entry.path.startsWith(prefix) ? entry.path.slice(prefix.length) : entry.path);
  return entry.directory ? `${name}/` : name;
}

function when(entry: ListedEntry): string {
  return entry.modified.replace("T", " ").replace("Z", "");
}

function plainLine(entry: ListedEntry, relativeTo: string): string {
  const size = entry.directory ? "<DIR>" : String(entry.size);
  return `${size.padStart(10)}  ${when(entry)}  ${shownName(entry, relativeTo)}`;
}

function longLine(entry: ListedEntry, relativeTo: string): string {
  const short = entry.shortName === entry.name ? "" : `  [${printable(entry.shortName)}]`;
  let line = `${plainLine(entry, relativeTo)}${short}`;
  if (entry.module !== undefined) {
    const m = entry.module;
    line +=
      `  module ${printable(m.name)} entry ${printable(m.entry)} O${m.optLevel} version ${m.version}` +
      ` bitcode ${m.bitcodeSize} layout ${m.layout} crc ${m.crc}`;
  } else if (entry.moduleError !== undefined) {
    line += `  invalid module: ${printable(entry.moduleError)}`;
  }
  return line;
}
