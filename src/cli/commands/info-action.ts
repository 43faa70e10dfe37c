/**
 * The work of `mkimg info`, loaded only when the command runs.
 */
import { InputError } from "../../errors.js";
import { LLBC_MAGIC, decodeRawHeader, hex32, parseModule, type Layout, type ParsedModule } from "../../module/index.js";
import { readInputFile } from "../../module/io.js";

const LAYOUT_NOTES: Record<Layout, string> = {
  128: "bitcode at 128",
  120: "legacy: BareFlow's 120-byte struct, bitcode at 120, no CRC",
  124: "legacy: BareFlow's Python wrapper, bitcode at 124, no CRC",
};

const VERDICTS: Record<Layout, string> = {
  128: "valid",
  120: "valid (legacy layout 120: for loaders that read the bitcode at 120)",
  124: "valid (legacy layout 124: no loader reads it correctly; rewrap it)",
};

export function infoCommand(file: string, json: boolean): void {
  const bytes = readInputFile(file);
  let parsed: ParsedModule;
  try {
    parsed = parseModule(bytes, file, { tolerateBadCrc: true });
  } catch (error) {
    if (error instanceof InputError) printInvalid(file, bytes, error, json);
    throw error;
  }
  const valid = parsed.crcStatus !== "bad";
  if (json) {
    const { header, layout, crcStatus } = parsed;
    process.stdout.write(`${JSON.stringify({ file, valid, layout, crcStatus, header })}\n`);
  } else {
    process.stdout.write(formatValid(file, parsed));
  }
  if (!valid) parseModule(bytes, file); // throws the CRC error
}

function formatValid(file: string, parsed: ParsedModule): string {
  const { header, layout, crcStatus } = parsed;
  const crc = header.crc === undefined ? "absent" : `${hex32(header.crc)} (${crcStatus})`;
  const rows: [string, string][] = [
    ["file", file],
    ["layout", `${layout} (${LAYOUT_NOTES[layout]})`],
    ["name", header.name],
    ["entry", header.entry],
    ["bitcode_size", String(header.bitcodeSize)],
    ["version", String(header.version)],
    ["opt_level", String(header.optLevel)],
    ["crc", crc],
    ["flags", hex32(header.flags)],
    ...(header.dependency === undefined ? [] : [["needs", `${header.dependency}.BC`] as [string, string]]),
    ["verdict", crcStatus === "bad" ? "invalid: CRC mismatch" : VERDICTS[layout]],
  ];
  return rows.map(([key, value]) => `${`${key}:`.padEnd(14)}${value}\n`).join("");
}

/** What a broken file's header says, as far as it can be decoded, then the verdict. */
function printInvalid(file: string, bytes: Uint8Array, error: InputError, json: boolean): void {
  const raw = decodeRawHeader(bytes);
  if (json) {
    process.stdout.write(`${JSON.stringify({ file, valid: false, error: error.message })}\n`);
    return;
  }
  const rows: [string, string][] = [["file", file]];
  if (raw !== undefined && raw.magic === LLBC_MAGIC) {
    rows.push(
      ["magic", hex32(raw.magic)],
      ["name", JSON.stringify(latin1(raw.name))],
      ["entry", JSON.stringify(latin1(raw.entry))],
      ["bitcode_size", String(raw.bitcodeSize)],
      ["version", String(raw.version)],
      ["opt_level", String(raw.optLevel)],
    );
  }
  rows.push(["verdict", "invalid"]);
  process.stdout.write(rows.map(([key, value]) => `${`${key}:`.padEnd(14)}${value}\n`).join(""));
}

function latin1(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Array.from(end < 0 ? bytes : bytes.subarray(0, end), (byte) => String.fromCharCode(byte)).join("");
}
