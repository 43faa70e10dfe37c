/**
 * The kernel's console: where the module's output goes. Each piece is handed on as it is
 * printed (`mkimg run` streams it to stdout), and at most `keep` bytes of it are kept for the
 * RunResult (`--json`, the library): a runaway module printing in a loop would otherwise keep
 * gigabytes on the host. What was not kept is counted, so the result can say it was cut.
 */

/** Bytes of output a run keeps for its result unless told otherwise. */
export const DEFAULT_KEPT_OUTPUT = 1 << 20;

export class Console {
  private readonly kept: Uint8Array[] = [];
  private keptBytes = 0;
  /** Every byte the module printed, kept or not. */
  totalBytes = 0;

  constructor(
    private readonly keep: number,
    private readonly onOutput: ((bytes: Uint8Array) => void) | undefined,
  ) {}

  write(piece: Uint8Array): void {
    this.onOutput?.(piece);
    this.totalBytes += piece.length;
    const room = this.keep - this.keptBytes;
    if (room <= 0) return;
    const taken = piece.length <= room ? piece : piece.slice(0, room);
    this.kept.push(taken);
    this.keptBytes += taken.length;
  }

  /** The first `keep` bytes of the output. */
  keptOutput(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.kept));
  }
}
