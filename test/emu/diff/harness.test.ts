/**
 * Tests of the test harness itself: the comparison reports a corrupted register, flag or memory
 * byte; the masks hide only undefined flags (qemu-i386, a second emulator, differs from the CPU
 * in exactly those once unmasked, and otherwise only in its known bugs); the generated programs
 * contain every instruction of issue 4's list, as iced-x86 decodes them.
 */
import { Decoder, DecoderOptions, Mnemonic } from "iced-x86";
import { beforeAll, expect, it } from "vitest";
import { describePeers } from "../../helpers/peers.js";
import { faultProgramSource, generateFaultCases } from "../gen/faults.js";
import { AF, CF, ZF } from "../gen/flags.js";
import { RECORD_SIZE, RECORDS_PER_CASE, REPEAT } from "../gen/program.js";
import { assemble } from "../support/build.js";
import { executableSections } from "../support/elf-text.js";
import { runNative, runQemu } from "../support/run.js";
import { CaseBuilder, type TestCase } from "../gen/builder.js";
import { programSource } from "../gen/program.js";
import { Random } from "../gen/random.js";
import type { Variant } from "../gen/table-data.js";
import { variants } from "../gen/table.js";
import { type Batch, randomBatches, testSeed } from "./batches.js";
import { compareRuns } from "./records.js";

/** qemu-i386 7.2 bugs the random tests find; the CPU is right in each. */
const knownQemuBugs = [
  { variant: /ret imm16/, reason: "`ret imm16` with imm16 >= 0x8000: qemu adds it to ESP sign-extended" },
];

describePeers(["as", "ld"], "random-test harness", () => {
  let batch: Batch;
  let native: Buffer;
  beforeAll(async () => {
    batch = randomBatches()[0] as Batch;
    native = (await runNative(batch.program)).stdout;
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

describePeers(["as", "ld", "qemu-i386"], "random-test harness with qemu-i386 as a second emulator", () => {
  it("finds qemu's undefined-flag choices only without the masks, and otherwise only qemu's known bugs", async () => {
    let [masked, unmasked] = [0, 0];
    const unexplained: string[] = [];
    for (const batch of randomBatches().slice(0, 4)) {
      const [native, qemu] = [(await runNative(batch.program)).stdout, (await runQemu(batch.program)).stdout];
      const failures = compareRuns(batch.cases, native, qemu);
      masked += failures.length;
      unexplained.push(...failures.filter((failure) => !knownQemuBugs.some((bug) => bug.variant.test(failure.split("\n")[0] as string))));
      const bare = batch.cases.map((testCase) => ({ ...testCase, undefinedFlags: 0, undefinedRegisters: [] }));
      unmasked += compareRuns(bare, native, qemu).length;
    }
    expect(unexplained, unexplained.slice(0, 5).join("\n")).toEqual([]);
    expect(unmasked).toBeGreaterThan(masked + 100);
  });

  it("catches qemu's ret imm16 bug (a real emulator bug, found by these tests)", async () => {
    const returns = variants.find((variant) => variant.name === "ret imm16") as Variant;
    const cases: TestCase[] = [];
    for (let seed = 1; cases.length < 3; seed++) {
      const builder = new CaseBuilder(new Random(seed), cases.length, returns.name);
      returns.build(builder);
      if (builder.lines[0] === "ret 65534") cases.push(builder.build());
    }
    const program = assemble(programSource(cases));
    const failures = compareRuns(cases, (await runNative(program)).stdout, (await runQemu(program)).stdout);
    expect(failures).toHaveLength(3);
    for (const failure of failures) expect(failure).toMatch(/\n {2}esp: native 0x[0-9a-f]+, emulator 0x[0-9a-f]+$/);
  });
});

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
