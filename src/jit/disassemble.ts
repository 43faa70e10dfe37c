/**
 * Disassembly of JIT output with iced-x86 (Intel or GAS syntax), one line per instruction.
 * iced-x86 is WebAssembly: every Decoder, Instruction and Formatter is freed here.
 * Imported lazily by callers that need it (tests, `mkimg disasm`), never by the JIT itself.
 */
import { Decoder, DecoderOptions, Formatter, FormatterSyntax, Instruction } from "iced-x86";

export interface DisassembledLine { address: number; bytes: Uint8Array; text: string }

export function disassemble(bytes: Uint8Array, address: number, syntax: "intel" | "gas" = "intel"): DisassembledLine[] {
  const decoder = new Decoder(32, bytes, DecoderOptions.None);
  decoder.ip = BigInt(address);
  const formatter = new Formatter(syntax === "intel" ? FormatterSyntax.Intel : FormatterSyntax.Gas);
  const instruction = new Instruction();
  const lines: DisassembledLine[] = [];
  try {
    let offset = 0;
    while (decoder.canDecode) {
      decoder.decodeOut(instruction);
      const length = instruction.length;
      lines.push({ address: address + offset, bytes: bytes.subarray(offset, offset + length), text: formatter.format(instruction) });
      offset += length;
    }
  } finally {
    instruction.free();
    formatter.free();
    decoder.free();
  }
  return lines;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (value) => value.toString(16).padStart(2, "0")).join(" ");
}
