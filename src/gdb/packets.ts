/**
 * Framing of the GDB remote serial protocol (GDB manual, "Overview" of the remote protocol):
 * `$payload#xx` with `xx` the modulo-256 sum of the payload's bytes as two hex digits, `+`/`-`
 * acknowledgements, and a bare 0x03 byte for "interrupt". Inside a payload `}` escapes the next
 * byte (which is XORed with 0x20); `$`, `#`, `}` and `*` are always sent escaped.
 *
 * `PacketDecoder` turns any byte stream into events and never throws: junk between packets is
 * skipped, a `$` inside a packet starts over, a bad checksum or an overlong packet is reported
 * as `bad` (the server answers `-`). Payloads are latin1 strings, one character per byte, with
 * escapes already removed (binary data of `X` packets included).
 */

export type PacketEvent =
  | { kind: "packet"; payload: string }
  | { kind: "bad" }
  | { kind: "interrupt" }
  | { kind: "ack" }
  | { kind: "nack" };

/** Longer packets are dropped (and reported as bad); qSupported advertises this size. */
export const MAX_PACKET = 0x4000;

const DOLLAR = 0x24;
const HASH = 0x23;
const ESCAPE = 0x7d;
const INTERRUPT = 0x03;

type State = "idle" | "payload" | "escape" | "checksum1" | "checksum2";

export class PacketDecoder {
  private state: State = "idle";
  private bytes: number[] = [];
  private sum = 0;
  private checksum = "";
  private overlong = false;

  /** The events in `chunk`, in order (a packet may span chunks). */
  feed(chunk: Uint8Array): PacketEvent[] {
    const events: PacketEvent[] = [];
    for (const byte of chunk) {
      const event = this.byte(byte);
      if (event !== undefined) events.push(event);
    }
    return events;
  }

  private byte(byte: number): PacketEvent | undefined {
    if (this.state === "idle") return this.idle(byte);
    if (byte === DOLLAR && this.state !== "checksum1" && this.state !== "checksum2") {
      this.start();
      return undefined;
    }
    if (this.state === "checksum1" || this.state === "checksum2") return this.checksumDigit(byte);
    this.sum = (this.sum + byte) & 0xff;
    if (this.state === "escape") {
      this.push(byte ^ 0x20);
      this.state = "payload";
    } else if (byte === HASH) {
      this.sum = (this.sum - byte) & 0xff;
      this.state = "checksum1";
    } else if (byte === ESCAPE) this.state = "escape";
    else this.push(byte);
    return undefined;
  }

  private idle(byte: number): PacketEvent | undefined {
    if (byte === DOLLAR) this.start();
    else if (byte === INTERRUPT) return { kind: "interrupt" };
    else if (byte === 0x2b) return { kind: "ack" };
    else if (byte === 0x2d) return { kind: "nack" };
    return undefined;
  }

  private start(): void {
    this.state = "payload";
    this.bytes = [];
    this.sum = 0;
    this.checksum = "";
    this.overlong = false;
  }

  private push(byte: number): void {
    if (this.bytes.length >= MAX_PACKET) this.overlong = true;
    else this.bytes.push(byte);
  }

  private checksumDigit(byte: number): PacketEvent | undefined {
    this.checksum += String.fromCharCode(byte);
    if (this.state === "checksum1") {
      this.state = "checksum2";
      return undefined;
    }
    this.state = "idle";
    const expected = /^[0-9a-fA-F]{2}$/.test(this.checksum) ? parseInt(this.checksum, 16) : -1;
    if (expected !== this.sum || this.overlong) return { kind: "bad" };
    return { kind: "packet", payload: String.fromCharCode(...this.bytes) };
  }
}

/** `$payload#xx` with the bytes that need it escaped (payload: latin1, one char per byte). */
export function encodePacket(payload: string): Buffer {
  let body = "";
  for (const char of payload) {
    body += "$#}*".includes(char) ? `}${String.fromCharCode(char.charCodeAt(0) ^ 0x20)}` : char;
  }
  let sum = 0;
  for (let k = 0; k < body.length; k++) sum = (sum + body.charCodeAt(k)) & 0xff;
  return Buffer.from(`$${body}#${sum.toString(16).padStart(2, "0")}`, "latin1");
}

/** Bytes as lowercase hex, two digits each. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** Hex digits to bytes; undefined for an odd length or a non-hex digit. */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, "hex"));
}

/** A 32-bit value as gdb wants a register: little-endian bytes in hex. */
export function hex32le(value: number): string {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
  return toHex(bytes);
}
