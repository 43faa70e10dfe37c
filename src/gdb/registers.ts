/**
 * The i386 register set as gdb sees it, and the target description that names it.
 *
 * gdb's i386 architecture requires the `org.gnu.gdb.i386.core` feature to hold the 16 general
 * and segment registers and the x87 registers (gdb/features/i386/32bit-core.xml, and
 * i386_validate_tdesc_p in gdb/i386-tdep.c), so the description lists them; the emulator has no
 * x87 unit and reads them as zeros. The `g` packet is every register in this order: 16 x 4
 * bytes, st0..st7 x 10 bytes, 8 x 4 bytes of x87 control registers, all little-endian.
 */
import { hex32le } from "./packets.js";

export const GENERAL_NAMES = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags", "cs", "ss", "ds", "es", "fs", "gs"];
const X87_CONTROL = ["fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"];
/** General registers, st0..st7, x87 control: gdb's register numbers 0-15, 16-23, 24-31. */
export const REGISTER_COUNT = 32;

/** The size in bytes of register `number`. */
export function registerSize(number: number): number {
  return number >= 16 && number < 24 ? 10 : 4;
}

/** The `g` reply: the general registers, then zeros for the x87 ones. */
export function encodeRegisters(general: number[]): string {
  let text = general.map(hex32le).join("");
  for (let number = 16; number < REGISTER_COUNT; number++) text += "00".repeat(registerSize(number));
  return text;
}

const TYPES: Record<string, string> = { esp: "data_ptr", ebp: "data_ptr", eip: "code_ptr", eflags: "i386_eflags" };

function registerLine(name: string, number: number, bits: number, type: string, group = ""): string {
  return `  <reg name="${name}" bitsize="${bits}" type="${type}" regnum="${number}"${group === "" ? "" : ` group="${group}"`}/>`;
}

/** target.xml: the i386 architecture with the core feature only. */
export function targetDescription(): string {
  const flags = [["CF", 0], ["", 1], ["PF", 2], ["AF", 4], ["ZF", 6], ["SF", 7], ["TF", 8], ["IF", 9], ["DF", 10], ["OF", 11], ["NT", 14], ["RF", 16], ["VM", 17], ["AC", 18], ["VIF", 19], ["VIP", 20], ["ID", 21]]
    .map(([name, bit]) => `    <field name="${name}" start="${bit}" end="${bit}"/>`);
  const lines = [
    `<?xml version="1.0"?>`,
    `<!DOCTYPE target SYSTEM "gdb-target.dtd">`,
    `<target version="1.0">`,
    `<architecture>i386</architecture>`,
    `<feature name="org.gnu.gdb.i386.core">`,
    `  <flags id="i386_eflags" size="4">`, ...flags, `  </flags>`,
    ...GENERAL_NAMES.map((name, number) => registerLine(name, number, 32, TYPES[name] ?? "int32")),
    ...Array.from({ length: 8 }, (_, k) => registerLine(`st${k}`, 16 + k, 80, "i387_ext")),
    ...X87_CONTROL.map((name, k) => registerLine(name, 24 + k, 32, "int", "float")),
    `</feature>`,
    `</target>`,
  ];
  return `${lines.join("\n")}\n`;
}
