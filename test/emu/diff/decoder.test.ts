/**
 * Our decoder against iced-x86: every instruction in the executable sections of the test
 * binaries (the C and csmith programs in all four builds, the random-test batches, the fault program),
 * walked linearly, must decode to the same length and mnemonic (iced's Mnemonic name,
 * lowercased). Distinct byte sequences are compared once. Differences we accept are listed in
 * `knownDifferences` with the reason.
 */
import { Decoder, DecoderOptions, Mnemonic } from "iced-x86";
import { beforeAll, expect, it } from "vitest";
import { decodeAt } from "../../../src/emu/decoder.js";
import { describePeers } from "../../helpers/peers.js";
import { faultProgramSource, generateFaultCases } from "../gen/faults.js";
import { assemble } from "../support/build.js";
import { executableSections } from "../support/elf-text.js";
import { compileCsmith, csmithSeeds } from "../support/csmith.js";
import { buildPrograms, compilers, optimisations } from "../support/programs.js";
import { randomBatches, testSeed } from "./batches.js";

/** iced mnemonics our decoder may decode differently, and why. */
const knownDifferences: { mnemonics: RegExp; reason: string }[] = [];

interface Instruction {
  bytes: Uint8Array;
  address: number;
  length: number;
  mnemonic: string;
}

/** Each distinct instruction (by its bytes) of a section, decoded by iced-x86. */
function icedInstructions(address: number, bytes: Uint8Array, into: Map<string, Instruction>): void {
  const decoder = new Decoder(32, bytes, DecoderOptions.None);
  decoder.ip = BigInt(address);
  let offset = 0;
  while (decoder.canDecode) {
    const instruction = decoder.decode();
    const length = instruction.length;
    const slice = bytes.subarray(offset, offset + length);
    const key = Buffer.from(slice).toString("hex");
    if (!into.has(key)) {
      into.set(key, { bytes: bytes.subarray(offset, Math.min(bytes.length, offset + 15)), address: address + offset, length, mnemonic: (Mnemonic[instruction.mnemonic] ?? "?").toLowerCase() });
    }
    instruction.free();
    offset += length;
  }
  decoder.free();
}

describePeers(["gcc", "clang-14", "as", "ld", "csmith"], "decoder against iced-x86", () => {
  const instructions = new Map<string, Instruction>();
  beforeAll(() => {
    const programs = [
      ...buildPrograms().map((build) => build.path),
      ...csmithSeeds.flatMap((seed) => compilers.flatMap((compiler) => optimisations.map((optimisation) => compileCsmith(seed, compiler, optimisation)))),
      ...randomBatches().map((batch) => batch.program),
      assemble(faultProgramSource(generateFaultCases(testSeed())), "faults"),
    ];
    for (const program of programs) {
      for (const section of executableSections(program)) icedInstructions(section.address, section.bytes, instructions);
    }
  });

  it("sees a broad instruction mix", () => {
    const mnemonics = new Set([...instructions.values()].map((instruction) => instruction.mnemonic));
    expect(instructions.size).toBeGreaterThan(20_000);
    expect(mnemonics.size).toBeGreaterThan(100);
  });

  it("gives every instruction iced's length and mnemonic", () => {
    const differences: string[] = [];
    for (const [hex, expected] of instructions) {
      const ours = decodeAt(expected.bytes, expected.address, expected.address);
      if (ours.length === expected.length && ours.mnemonic === expected.mnemonic) continue;
      if (knownDifferences.some((known) => known.mnemonics.test(expected.mnemonic))) continue;
      differences.push(`${hex} at 0x${expected.address.toString(16)}: iced ${expected.mnemonic}/${expected.length}, ours ${ours.mnemonic}/${ours.length}`);
    }
    expect(differences.length, `${differences.length} of ${instructions.size} differ:\n${differences.slice(0, 40).join("\n")}`).toBe(0);
  });
});
