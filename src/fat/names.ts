/**
 * FAT 8.3 short names, the only names BareFlow's driver sees.
 *
 * On disk a short name is 11 bytes: 8 of base and 3 of extension, space-padded, no dot
 * (Microsoft's FAT specification, "Directory Structure"). We write only uppercase ASCII letters,
 * digits and the punctuation the specification allows; a name that does not fit is refused, never
 * truncated (BareFlow's kernel silently truncated: see `kernelLookupName`).
 */
import { basename, extname } from "node:path";

/** Punctuation allowed in short names besides A-Z and 0-9. */
const ALLOWED_PUNCTUATION = "!#$%&'()-@^_`{}~";

function isShortNameCharacter(character: string): boolean {
  return /^[A-Z0-9]$/.test(character) || ALLOWED_PUNCTUATION.includes(character);
}

function splitDotted(name: string): { base: string; extension: string } | undefined {
  const dot = name.indexOf(".");
  if (dot === -1) return { base: name, extension: "" };
  if (name.indexOf(".", dot + 1) !== -1) return undefined;
  return { base: name.slice(0, dot), extension: name.slice(dot + 1) };
}

/**
 * True if `name` ("FIB.BC", "README") is a valid short name exactly as written: uppercase,
 * 1-8 characters of base, 0-3 of extension, allowed characters only.
 */
export function isValidShortName(name: string): boolean {
  const parts = splitDotted(name);
  if (parts === undefined) return false;
  const { base, extension } = parts;
  if (base.length < 1 || base.length > 8 || extension.length > 3) return false;
  if (name.endsWith(".")) return false;
  return [...base, ...extension].every(isShortNameCharacter);
}

/**
 * The 11-character on-disk form ("FIB     BC ") of a name that fits 8.3 once uppercased
 * ("fib.bc", "FIB.BC"), or undefined if it does not fit.
 */
export function toShortName(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (!isValidShortName(upper)) return undefined;
  const { base, extension } = splitDotted(upper)!;
  return base.padEnd(8, " ") + extension.padEnd(3, " ");
}

/**
 * The dotted short name ("FIB.BC") for a file's stem with extension `extension`, uppercased,
 * or undefined if the stem does not fit 8.3 (never truncated).
 */
export function shortNameFromFile(fileName: string, extension = "BC"): string | undefined {
  const file = basename(fileName);
  const stem = file.slice(0, file.length - extname(file).length);
  const name = extension === "" ? stem.toUpperCase() : `${stem}.${extension}`.toUpperCase();
  return isValidShortName(name) ? name : undefined;
}

/** Code page 437, bytes 0x80-0xFF: how DOS, mtools and Linux (default) show non-ASCII short names. */
const CODE_PAGE_437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

/** Decodes short-name bytes as code page 437. */
export function decodeCodePage437(bytes: ArrayLike<number>): string {
  let text = "";
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    text += byte < 0x80 ? String.fromCharCode(byte) : CODE_PAGE_437_HIGH[byte - 0x80];
  }
  return text;
}

/** The dotted form ("FIB.BC") of 11 raw directory-entry bytes. 0x05 in the first byte stands for 0xE5. */
export function formatShortName(raw: Uint8Array): string {
  const bytes = Array.from(raw.subarray(0, 11));
  if (bytes[0] === 0x05) bytes[0] = 0xe5;
  const text = decodeCodePage437(bytes);
  const base = text.slice(0, 8).trimEnd();
  const extension = text.slice(8, 11).trimEnd();
  return extension === "" ? base : `${base}.${extension}`;
}

/** The 11-character form of a dotted short name ("FIB.BC" -> "FIB     BC "), no validation. */
export function rawShortName(dotted: string): string {
  const parts = splitDotted(dotted) ?? { base: dotted, extension: "" };
  return parts.base.padEnd(8, " ").slice(0, 8) + parts.extension.padEnd(3, " ").slice(0, 3);
}

/**
 * What BareFlow's driver compares against the 11 raw bytes when asked for `requested`: the name
 * uppercased and cut to 8 + 3 around the last dot. "FIBONACCI.MOD" becomes "FIBONACCMOD", which
 * does not match mcopy's "FIBONA~1MOD" -- the bug `mkimg check` reports.
 */
export function kernelLookupName(requested: string): string {
  const upper = requested.toUpperCase();
  const dot = upper.lastIndexOf(".");
  const base = dot === -1 ? upper : upper.slice(0, dot);
  const extension = dot === -1 ? "" : upper.slice(dot + 1);
  return base.slice(0, 8).padEnd(8, " ") + extension.slice(0, 3).padEnd(3, " ");
}
