/**
 * Tests of the test harness itself: the comparison reports a corrupted register, flag or memory
 * byte; the masks hide only undefined flags (qemu-i386, a second emulator, differs from the CPU
 * in exactly those once unmasked, and otherwise only in its known bugs); the x86-64 program
 * (gen/program64.ts) gives the same records as the i386 reference for every case it runs; each
 * known qemu bug (test/reference/qemu-bugs.ts) is qemu's; the generated programs contain every
 * instruction of issue 4's list, as iced-x86 decodes them.
 */
import { spawnSync } from "node:child_process";
import { Decoder, DecoderOptions, Mnemonic } from "iced-x86";
import { beforeAll, expect, it } from "vitest";
import { describePeers, I386_REFERENCE } from "../../helpers/peers.js";
import { i386Reference } from "../../reference/i386.mjs";
import { knownQemuBug, knownQemuBugs } from "../../reference/qemu-bugs.js";
import { faultProgramSource, generateFaultCases } from "../gen/faults.js";
import { AF, CF, ZF } from "../gen/flags.js";
import { RECORD_SIZE, RECORDS_PER_CASE, REPEAT } from "../gen/program.js";
import { assemble, assemble64 } from "../support/build.js";
import { executableSections } from "../support/elf-text.js";
import { runEmulator, runQemu } from "../support/run.js";
import { CaseBuilder, ESP, type TestCase } from "../gen/builder.js";
import { programSource } from "../gen/program.js";
import { Random } from "../gen/random.js";
import type { Variant } from "../gen/table-data.js";
import { variants } from "../gen/table.js";
import { type Batch, randomBatches, testSeed } from "./batches.js";
import { compareRuns, parseRecords } from "./records.js";
import { pick, runBatchOnReference, runCpu64 } from "./truth.js";

describePeers([I386_REFERENCE, "as", "ld"], "random-test harness", () => {
  let batch: Batch;
  let native: Buffer;
  beforeAll(async () => {
    batch = randomBatches()[0] as Batch;
    native = await runBatchOnReference(batch);
  });

  it("agrees with itself", () => {
    expect(compareRuns(batch.cases, native, Buffer.from(native))).toEqual([]);
  });

  it("reports a corrupted register, defined flag and memory byte of a translated run, with the case's inputs", () => {
    const corrupted = Buffer.from(native);
    const position = batch.cases.findIndex((testCase) => (testCase.undefinedFlags & (CF | ZF)) === 0);
    const record = (position * RECORDS_PER_CASE + 1) * RECORD_SIZE;
    corrupted.writeUInt32LE((corrupted.readUInt32LE(record + 8) ^ 0x100) >>> 0, record + 8);
    corrupted.writeUInt32LE((corrupted.readUInt32LE(record + 36) ^ (CF | ZF)) >>> 0, record + 36);
    corrupted[record + 40 + 77] ^= 0xff;
    const failures = compareRuns(batch.cases, native, corrupted);
    expect(failures).toHaveLength(1);
    const lines = (failures[0] as string).split("\n");
    expect(lines[0]).toContain(`case ${position} (${batch.cases[position]?.variant}): `);
    expect(lines[1]).toMatch(/^ {2}inputs: eax=\S+ ecx=\S+ edx=\S+ ebx=\S+ esp=\S+ ebp=\S+ esi=\S+ edi=\S+ eflags=0x[0-9a-f]+ memory seed 0x[0-9a-f]+/);
    const native32 = native.readUInt32LE(record + 8);
    expect(lines.slice(2)).toEqual([
      `  run ${REPEAT} (translated):`,
      `  ecx: native 0x${native32.toString(16)}, emulator 0x${((native32 ^ 0x100) >>> 0).toString(16)}`,
      `  CF: native ${native.readUInt32LE(record + 36) & CF}, emulator ${(native.readUInt32LE(record + 36) & CF) ^ 1}`,
      `  ZF: native ${native.readUInt32LE(record + 36) & ZF ? 1 : 0}, emulator ${native.readUInt32LE(record + 36) & ZF ? 0 : 1}`,
      `  [scratch+77]: native 0x${(native[record + 117] as number).toString(16)}, emulator 0x${((native[record + 117] as number) ^ 0xff).toString(16)}`,
    ]);
  });

  it("ignores a flag the case leaves undefined, and reports a truncated run", () => {
    const position = batch.cases.findIndex((testCase) => (testCase.undefinedFlags & AF) !== 0);
    const corrupted = Buffer.from(native);
    const flags = position * RECORDS_PER_CASE * RECORD_SIZE + 36;
    corrupted.writeUInt32LE((corrupted.readUInt32LE(flags) ^ AF) >>> 0, flags);
    expect(compareRuns(batch.cases, native, corrupted)).toEqual([]);
    const truncated = compareRuns(batch.cases, native, native.subarray(0, 3 * RECORD_SIZE));
    expect(truncated).toHaveLength(1);
    expect(truncated[0]).toMatch(/^case 1 .*\n.*\n {2}emulator output ends before this case \(3 records\)$/);
  });
});

describePeers([I386_REFERENCE, "as", "ld"], "the x86-64 program against the i386 reference", () => {
  it("gives the same records for every case it runs, in every batch, and runs most cases", async () => {
    let [checked, total] = [0, 0];
    for (const batch of randomBatches()) {
      const reference = await runBatchOnReference(batch);
      const cases = batch.cpu64Positions.map((position) => batch.cases[position] as TestCase);
      const failures = compareRuns(cases, pick(reference, batch.cpu64Positions), runCpu64(batch));
      expect(failures, failures.slice(0, 5).join("\n")).toEqual([]);
      [checked, total] = [checked + cases.length, total + batch.cases.length];
    }
    console.log(`x86-64 program: ${checked} of ${total} cases run on the CPU in 64-bit mode agree with ${i386Reference().kind}`);
    expect(checked).toBeGreaterThan(total * 0.85);
  });

  it("leaves out exactly the instructions that differ in 64-bit mode", () => {
    const routed = new Set(randomBatches().flatMap((batch) => {
      const onCpu64 = new Set(batch.cpu64Positions);
      return batch.cases.filter((_, position) => !onCpu64.has(position)).map((testCase) => testCase.variant);
    }));
    for (const variant of ["push r32", "pop r32", "call rel32 + ret", "ret", "enter imm16, level", "leave", "pushfd", "popfd", "loop rel8", "jecxz rel8", "jmp r32"]) {
      expect(routed, variant).toContain(variant);
    }
    for (const variant of ["add rm,r 32", "xlatb", "lea r32,m", "jne rel8", "movsb", "cmpxchg rm,r 32", "mul rm 16"]) {
      expect(routed, variant).not.toContain(variant);
    }
  });
});

describePeers([I386_REFERENCE, "as", "ld", "qemu-i386"], "random-test harness with qemu-i386 as a second emulator", () => {
  it("finds qemu's undefined-flag choices only without the masks, and otherwise only qemu's known bugs", async () => {
    let [masked, unmasked] = [0, 0];
    const unexplained: string[] = [];
    for (const batch of randomBatches().slice(0, 4)) {
      // The CPU's records: the whole i386 program where it runs, else the x86-64 program's cases.
      const onCpu = i386Reference().kind === "cpu";
      const positions = onCpu ? batch.cases.map((_, position) => position) : batch.cpu64Positions;
      const cases = positions.map((position) => batch.cases[position] as TestCase);
      const native = onCpu ? await runBatchOnReference(batch) : runCpu64(batch);
      const qemu = pick((await runQemu(batch.program)).stdout, positions);
      const failures = compareRuns(cases, native, qemu);
      masked += failures.length;
      unexplained.push(...failures.filter((failure) => {
        const index = Number(/^case (\d+)/.exec(failure)?.[1]);
        return knownQemuBug(cases.find((testCase) => testCase.index === index) as TestCase) === undefined;
      }));
      const bare = cases.map((testCase) => ({ ...testCase, undefinedFlags: 0, undefinedRegisters: [] }));
      unmasked += compareRuns(bare, native, qemu).length;
    }
    expect(unexplained, unexplained.slice(0, 5).join("\n")).toEqual([]);
    expect(unmasked).toBeGreaterThan(masked + 100);
  });

  it("lists each known bug once, with what the SDM says", () => {
    expect(knownQemuBugs.map((bug) => bug.id)).toEqual(["ret-imm16"]);
    for (const bug of knownQemuBugs) expect(bug.description).toMatch(/SDM/);
  });

  it("ret-imm16 is qemu's bug: the emulator and the CPU add imm16 zero-extended, qemu sign-extended", async () => {
    const returns = variants.find((variant) => variant.name === "ret imm16") as Variant;
    const cases: TestCase[] = [];
    for (let seed = 1; cases.length < 3; seed++) {
      const builder = new CaseBuilder(new Random(seed), cases.length, returns.name);
      returns.build(builder);
      if (builder.lines[0] === "ret 65534") cases.push(builder.build());
    }
    for (const testCase of cases) expect(knownQemuBug(testCase)?.id).toBe("ret-imm16");
    const program = assemble(programSource(cases));
    const [emulated, qemu] = [(await runEmulator(program)).stdout, (await runQemu(program)).stdout];
    const failures = compareRuns(cases, emulated, qemu);
    expect(failures).toHaveLength(3);
    for (const failure of failures) expect(failure).toMatch(/\n {2}esp: native 0x[0-9a-f]+, emulator 0x[0-9a-f]+$/);
    // The emulator: ESP after = ESP before + 4 (the return address) + 0xfffe.
    const records = parseRecords(emulated).filter((_, number) => number % RECORDS_PER_CASE === 0);
    const stackTop = records.map((record) => (record.registers[ESP] as number) - 4 - 0xfffe);
    expect(new Set(stackTop).size).toBe(1);
    if (i386Reference().kind === "cpu") {
      expect(compareRuns(cases, emulated, await runBatchOnReference({ cases, program, cpu64Positions: [], program64: "" }))).toEqual([]);
    }
    expect(cpu64ReturnImmediate()).toBe(0xfffe);
  });
});

/**
 * What the CPU adds to the stack pointer for `ret 0xfffe` beyond the return address, measured in
 * 64-bit mode (any x86-64 machine): 0xfffe when imm16 is zero-extended, -2 when sign-extended.
 */
function cpu64ReturnImmediate(): number {
  const source = [
    ".intel_syntax noprefix",
    ".section .note.GNU-stack,\"\",@progbits",
    ".text", ".globl _start", "_start:",
    "  mov rbx, rsp", "  lea rax, [rip+1f]", "  push rax", "  ret 0xfffe", "1:",
    "  mov rcx, rsp", "  sub rcx, rbx", "  mov rsp, rbx", "  mov dword ptr [result], ecx",
    "  mov eax, 1", "  mov edi, 1", "  lea rsi, [rip+result]", "  mov edx, 4", "  syscall",
    "  mov eax, 60", "  xor edi, edi", "  syscall",
    ".data", ".balign 4096", "result: .long 0",
  ].join("\n");
  const program = assemble64(source, 0x10000000, "qemu-bugs");
  const result = spawnSync(program);
  expect(result.status).toBe(0);
  return (result.stdout as Buffer).readInt32LE(0);
}

const issueMnemonics = [
  "mov", "movzx", "movsx", "lea", "xchg", "add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test", "inc", "dec", "neg",
  "not", "shl", "shr", "sar", "rol", "ror", "rcl", "rcr", "shld", "shrd", "mul", "imul", "div", "idiv", "cbw", "cwde", "cwd",
  "cdq", "jmp", "call", "ret", "push", "pop", "pushfd", "popfd", "enter", "leave", "bt", "bts", "btr", "btc", "bsf", "bsr",
  "bswap", "xadd", "cmpxchg", "nop", "hlt", "ud2",
  ...["movs", "stos", "cmps", "scas", "lods"].flatMap((operation) => ["b", "w", "d"].map((size) => `${operation}${size}`)),
  ...["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"].flatMap((condition) => [`set${condition}`, `cmov${condition}`, `j${condition}`]),
];

function decodedMnemonics(programs: string[]): Set<string> {
  const seen = new Set<string>();
  for (const program of programs) {
    for (const section of executableSections(program)) {
      const decoder = new Decoder(32, section.bytes, DecoderOptions.None);
      while (decoder.canDecode) {
        const instruction = decoder.decode();
        seen.add((Mnemonic[instruction.mnemonic] ?? "?").toLowerCase());
        instruction.free();
      }
      decoder.free();
    }
  }
  return seen;
}

describePeers(["as", "ld"], "coverage of issue 4's instruction list", () => {
  it("every listed instruction occurs in the generated programs (iced-x86 decodes them)", () => {
    const programs = [...randomBatches().map((batch) => batch.program), assemble(faultProgramSource(generateFaultCases(testSeed())), "faults")];
    const seen = decodedMnemonics(programs);
    expect(issueMnemonics.filter((mnemonic) => !seen.has(mnemonic))).toEqual([]);
  });
});
