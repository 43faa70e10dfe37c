/**
 * Static ELF loading and the Linux process: exact InputError texts for bad files, the initial
 * stack (argc, argv, alignment), system calls (write, exit, brk, -ENOSYS, -EFAULT), guest faults.
 */
import { describe, expect, it } from "vitest";
import { runElf } from "../../../src/emu/linux.js";
import { ENTRY, EXIT, HELLO, le32, makeElf } from "./elf.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function patched(change: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const bytes = makeElf(EXIT);
  change(new DataView(bytes.buffer), bytes);
  return bytes;
}

const BAD_FILES: [string, Uint8Array, string][] = [
  ["not ELF", new TextEncoder().encode("#!/bin/sh\necho hello world\n"), "x.elf: not an ELF file (bad magic) (offset 0x00)"],
  ["too short", new Uint8Array(10), "x.elf: not an ELF file: 10 bytes (offset 0x00)"],
  ["64-bit", patched((_v, b) => (b[4] = 2)), "x.elf: 64-bit ELF is not supported (need i386, ELFCLASS32) (offset 0x04)"],
  ["big-endian", patched((_v, b) => (b[5] = 2)), "x.elf: big-endian ELF is not supported (offset 0x05)"],
  ["ET_DYN", patched((v) => v.setUint16(16, 3, true)), "x.elf: ET_DYN (position-independent) ELF is not supported; link with -static -no-pie (offset 0x10)"],
  ["ET_REL", patched((v) => v.setUint16(16, 1, true)), "x.elf: ELF type 1 is not an executable (ET_EXEC) (offset 0x10)"],
  ["x86-64 machine", patched((v) => v.setUint16(18, 62, true)), "x.elf: ELF machine 62 is not i386 (3) (offset 0x12)"],
  ["truncated program headers", makeElf(EXIT).subarray(0, 60), "x.elf: program headers (1 at 0x34) run past the end of the file (offset 0x1c)"],
  ["truncated segment", patched((v) => v.setUint32(52 + 16, 0x10000, true)), "x.elf: segment 0 data runs past the end of the file (truncated?) (offset 0x38)"],
  ["interpreter", patched((v) => v.setUint32(52, 3, true)), "x.elf: dynamically linked ELF is not supported; link with -static (offset 0x34)"],
];

describe("ELF loader errors", () => {
  it.each(BAD_FILES)("%s", (_name, image, message) => {
    expect(() => runElf(image, { file: "x.elf" })).toThrow(message);
  });
});

describe("Linux process", () => {
  it("writes to stdout and exits with a status", () => {
    const seen: string[] = [];
    const result = runElf(makeElf(HELLO), { file: "hi.elf", stdout: (bytes) => seen.push(text(bytes)) });
    expect([result.exitCode, text(result.stdout), result.stop, result.instructions, seen]).toEqual([
      7, "hi\n", { kind: "exit", status: 7 }, 8, ["hi\n"],
    ]);
  });

  it("passes argc and argv on the initial stack", () => {
    const argc = [0x8b, 0x1c, 0x24, ...EXIT]; // mov ebx,[esp]
    expect(runElf(makeElf(argc), { file: "p", argv: ["p", "a", "b"] }).exitCode).toBe(3);
    const firstLetterOfArgv1 = [0x8b, 0x44, 0x24, 0x08, 0x0f, 0xb6, 0x18, ...EXIT]; // mov eax,[esp+8]; movzx ebx,byte [eax]
    expect(runElf(makeElf(firstLetterOfArgv1), { file: "p", argv: ["p", "abc"] }).exitCode).toBe(0x61);
    const argvTerminator = [0x8b, 0x5c, 0x24, 0x0c, ...EXIT]; // mov ebx,[esp+12]: argv[2] is NULL
    expect(runElf(makeElf(argvTerminator), { file: "p", argv: ["p", "abc"] }).exitCode).toBe(0);
  });

  it("starts with ESP 16-byte aligned", () => {
    const alignment = [0x89, 0xe3, 0x83, 0xe3, 0x0f, ...EXIT]; // mov ebx,esp; and ebx,15
    for (const argv of [["p"], ["p", "x"], ["p", "xy", "z"]]) expect(runElf(makeElf(alignment), { file: "p", argv }).exitCode).toBe(0);
  });

  it("grows the heap with brk", () => {
    const code = [
      0xb8, 45, 0, 0, 0, 0x31, 0xdb, 0xcd, 0x80, // brk(0)
      0x89, 0xc6, 0x8d, 0x98, 0x00, 0x20, 0x00, 0x00, // mov esi,eax; lea ebx,[eax+0x2000]
      0xb8, 45, 0, 0, 0, 0xcd, 0x80, // brk(esi + 0x2000)
      0xc7, 0x86, 0x00, 0x10, 0x00, 0x00, 5, 0, 0, 0, // mov dword [esi+0x1000],5
      0x8b, 0x9e, 0x00, 0x10, 0x00, 0x00, ...EXIT, // mov ebx,[esi+0x1000]; exit
    ];
    expect(runElf(makeElf(code), { file: "p" }).exitCode).toBe(5);
  });

  it("returns -ENOSYS for unknown system calls and -EFAULT for bad buffers", () => {
    const result = [0x89, 0xc3, 0xf7, 0xdb, ...EXIT]; // mov ebx,eax; neg ebx; exit
    const unknown = [0xb8, ...le32(999), 0xcd, 0x80, ...result];
    expect(runElf(makeElf(unknown), { file: "p" }).exitCode).toBe(38);
    const badWrite = [0xb8, 4, 0, 0, 0, 0xbb, 1, 0, 0, 0, 0xb9, 0, 0, 0, 0, 0xba, 4, 0, 0, 0, 0xcd, 0x80, ...result];
    expect(runElf(makeElf(badWrite), { file: "p" }).exitCode).toBe(14);
  });

  it("reports a guest fault with the disassembled instruction", () => {
    const result = runElf(makeElf([0xc7, 0x00, 0x01, 0, 0, 0]), { file: "p" });
    expect(result.exitCode).toBeUndefined();
    expect(result.stop.kind === "fault" && result.stop.fault.message).toBe(
      `page fault writing 0x00000000 at eip 0x${ENTRY.toString(16).padStart(8, "0")}: mov dword ptr [eax],1`,
    );
  });

  it("maps segments with their permissions: code is not writable", () => {
    const store = [0xc7, 0x05, ...le32(ENTRY), 0x90, 0x90, 0x90, 0x90, ...EXIT]; // mov dword [ENTRY],0x90909090
    const result = runElf(makeElf(store, { flags: 5 }), { file: "p" });
    expect(result.stop.kind === "fault" && result.stop.fault.kind).toBe("page-fault");
  });

  it("stops at maxSteps", () => {
    const result = runElf(makeElf([0xeb, 0xfe]), { file: "p", maxSteps: 50 });
    expect([result.stop, result.instructions, result.exitCode]).toEqual([{ kind: "step-limit", executed: 50 }, 50, undefined]);
  });
});
