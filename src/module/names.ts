/**
 * The two name fields of the LLBC header, `name[32]` and `entry[64]`: NUL-terminated printable
 * ASCII (0x20..0x7e), not empty, at most size - 1 characters. One rule, used by the reader (on
 * the raw bytes) and the writer (on the strings the user gave).
 */

export interface NameField {
  /** The field's name as in llbc.h and docs/FORMAT.md. */
  readonly field: "name" | "entry";
  readonly offset: number;
  /** Bytes in the header, including the terminating NUL. */
  readonly size: number;
}

export const NAME_FIELD: NameField = { field: "name", offset: 0x04, size: 32 };
export const ENTRY_FIELD: NameField = { field: "entry", offset: 0x24, size: 64 };

/** What is wrong with a name, and the header offset it is about. */
export interface NameProblem {
  what: string;
  offset: number;
}

/** Checks the NUL-padded bytes of a name field as found in a header. */
export function checkNameBytes(bytes: Uint8Array, field: NameField): NameProblem | undefined {
  const end = bytes.indexOf(0);
  if (end < 0) {
    return { what: `${field.field} is not NUL-terminated within its ${field.size} bytes`, offset: field.offset };
  }
  if (end === 0) return { what: `${field.field} is empty`, offset: field.offset };
  for (let index = 0; index < end; index++) {
    if (!isPrintable(bytes[index])) {
      return { what: `${field.field} byte ${hexByte(bytes[index])} is not printable ASCII`, offset: field.offset + index };
    }
  }
  return undefined;
}

/** Checks a name the user wants to write; returns the problem as text. */
export function checkNameText(text: string, field: NameField): string | undefined {
  if (text.length === 0) return `${field.field} is empty`;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isPrintable(code)) {
      const unicode = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
      return `${field.field} ${JSON.stringify(text)} has ${unicode} at character ${index}, not printable ASCII`;
    }
  }
  if (text.length > field.size - 1) {
    return `${field.field} ${JSON.stringify(text)} is ${text.length} characters, the header holds at most ${field.size - 1}`;
  }
  return undefined;
}

/** The text of a valid name field (up to its NUL). */
export function decodeName(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  let text = "";
  for (let index = 0; index < (end < 0 ? bytes.length : end); index++) text += String.fromCharCode(bytes[index]);
  return text;
}

/** The field's bytes: the name's ASCII codes, then NULs. The name must have passed checkNameText. */
export function encodeName(text: string, field: NameField): Uint8Array {
  const bytes = new Uint8Array(field.size);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

function isPrintable(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

export function hexByte(value: number): string {
  return `0x${value.toString(16).padStart(2, "0")}`;
}
