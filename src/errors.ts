/**
 * The one error type for bad user input.
 *
 * Every layer that reads something a user gave us (a module file, an image, bitcode, an ELF,
 * guest code) reports a problem by throwing `InputError` with the file it is about and, where
 * it makes sense, the byte offset. The CLI prints it as one line, `mkimg: <file>: <what>`, and
 * exits with status 2. Bugs in mkimg itself are not InputErrors: they use `assert`/`unreachable`.
 */

export class InputError extends Error {
  /** The file (or image:path) the problem is in. */
  readonly file: string;
  /** Byte offset within that file, if the problem has one. */
  readonly offset: number | undefined;
  /** The bare description, without file or offset. */
  readonly what: string;

  constructor(file: string, what: string, offset?: number) {
    super(formatInputError(file, what, offset));
    this.name = "InputError";
    this.file = file;
    this.what = what;
    this.offset = offset;
  }
}

/**
 * `disk.img: boot sector: bytes per sector 513 is not a power of two (offset 0x0b)`. Control
 * characters (a newline or an escape sequence in a name on a crafted image) are escaped, so the
 * message stays one line and cannot drive the terminal.
 */
export function formatInputError(file: string, what: string, offset?: number): string {
  const where = offset === undefined ? "" : ` (offset 0x${offset.toString(16).padStart(2, "0")})`;
  return `${printable(file)}: ${printable(what)}${where}`;
}

const NAMED_ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with C0 and C1 control characters and DEL written as `\n`, `\x1b`... */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) =>
    NAMED_ESCAPES[character] ?? `\\x${character.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/** For conditions that can only be a bug in mkimg. */
export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  if (!condition) throw new Error(`internal error: ${message}`);
}

export function unreachable(value: never, message = "unreachable"): never {
  throw new Error(`internal error: ${message}: ${String(value)}`);
}
