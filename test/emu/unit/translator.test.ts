/**
 * The block translator against the interpreter on seeded random straight-line code: random
 * instructions (every ALU, shift, multiply, divide, bit, move, push/pop, setcc and cmovcc form,
 * with and without 0x66, register operands and [disp32] memory operands) run once with the
 * plain interpreter and once translated; registers, flags, memory, the stop reason and the
 * instruction count must be identical. The handlers themselves are checked against the CPU by
 * the differential tests (test/emu/diff); this checks that translation does not change them.
 */
import { describe, expect, it } from "vitest";
import { decodeAt } from "../../../src/emu/decoder.js";
import { getEflags } from "../../../src/emu/flags.js";
import type { Machine } from "../../../src/emu/machine.js";
import { DATA, machineWith } from "./helpers.js";

const ONE_BYTE = [
  ...Array.from({ length: 0x40 }, (_, k) => k).filter((k) => (k & 7) < 6),
  ...Array.from({ length: 0x22 }, (_, k) => 0x40 + k).filter((k) => k !== 0x44 && k !== 0x4c && k !== 0x5c),
  0x69, 0x6a, 0x6b, 0x80, 0x81, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8d,
  0x91, 0x92, 0x93, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9c, 0x9e, 0x9f, 0xa8, 0xa9,
  ...Array.from({ length: 16 }, (_, k) => 0xb0 + k).filter((k) => k !== 0xbc),
  0xc0, 0xc1, 0xc6, 0xc7, 0xd0, 0xd1, 0xd2, 0xd3, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfe,
];
const TWO_BYTE = [
  ...Array.from({ length: 16 }, (_, k) => 0x40 + k),
  ...Array.from({ length: 16 }, (_, k) => 0x90 + k),
  0xa3, 0xa4, 0xa5, 0xab, 0xac, 0xad, 0xaf, 0xb0, 0xb1, 0xb3, 0xb6, 0xb7, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
  0xc0, 0xc1, 0xc8, 0xcb, 0xcf,
];

/** xorshift32: deterministic across runs and machines. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/** A random instruction: register operands avoid ESP (the stack stays usable); memory is [DATA+disp]. */
function instruction(next: () => number): number[] {
  const bytes: number[] = [];
  if (next() % 5 === 0) bytes.push(0x66);
  if (next() % 2 === 0) bytes.push(ONE_BYTE[next() % ONE_BYTE.length]);
  else bytes.push(0x0f, TWO_BYTE[next() % TWO_BYTE.length]);
  const registers = [0, 1, 2, 3, 5, 6, 7];
  const reg = registers[next() % registers.length];
  // bt/bts/btr/btc with a register offset would address far outside the data page.
  const bitStringOffset = bytes[bytes.length - 2] === 0x0f && [0xa3, 0xab, 0xb3, 0xbb].includes(bytes[bytes.length - 1]);
  if (next() % 3 === 0 && !bitStringOffset) {
    const address = DATA + ((next() % 0xf00) & ~3);
    bytes.push((reg << 3) | 5, address & 0xff, (address >>> 8) & 0xff, (address >>> 16) & 0xff, address >>> 24);
  } else {
    bytes.push(0xc0 | (reg << 3) | registers[next() % registers.length]);
  }
  for (let k = 0; k < 4; k++) bytes.push(next() & 0xff);
  const decoded = decodeAt(Uint8Array.from(bytes), 0);
  return bytes.slice(0, decoded.length);
}

function program(seed: number, length: number): number[] {
  const next = random(seed);
  const code: number[] = [];
  while (code.length < length * 4) {
    const bytes = instruction(next);
    if (decodeAt(Uint8Array.from(bytes), 0).mnemonic !== "invalid") code.push(...bytes);
  }
  return code;
}

function state(machine: Machine) {
  return {
    registers: [...machine.registers].map((value) => (value >>> 0).toString(16)),
    eip: machine.eip,
    flags: (getEflags(machine) & 0xcd5).toString(16),
    instructions: machine.instructionsExecuted,
    data: Buffer.from(machine.memory.readBytes(DATA, 0x1000)).toString("hex"),
    stack: Buffer.from(machine.memory.readBytes(0x8000, 0x1000)).toString("hex"),
  };
}

function runBoth(code: number[], seed: number, prepare: (machine: Machine) => void = () => {}, maxSteps = 10_000) {
  const next = random(seed * 7 + 1);
  const registers = { eax: next(), ecx: next() % 40, edx: next(), ebx: next(), esp: 0x8800, ebp: next(), esi: next(), edi: next() };
  const flags = next() % 2 ? "CF" : "";
  const results = [false, true].map((translate) => {
    const machine = machineWith(code, { registers, flags });
    machine.translation = translate;
    machine.translateAfter = 1;
    prepare(machine);
    const stop = machine.run({ maxSteps });
    return { stop: JSON.stringify(stop), ...state(machine) };
  });
  return results;
}

const COUNTER = DATA + 0xf80;

/** A random body, then `dec dword [COUNTER]; jnz body`: a block that loops on itself. */
function loopProgram(seed: number): number[] {
  const body = program(seed, 12);
  const decrement = [0xff, 0x0d, COUNTER & 0xff, (COUNTER >>> 8) & 0xff, (COUNTER >>> 16) & 0xff, COUNTER >>> 24];
  const back = -(body.length + decrement.length + 2);
  return [...body, ...decrement, 0x75, back & 0xff];
}

describe("block translator against the interpreter", () => {
  const seeds = Array.from({ length: 300 }, (_, k) => k + 1);
  it.each(seeds)("random block, seed %i", (seed) => {
    const [interpreted, translated] = runBoth(program(seed, 48), seed);
    expect(translated).toEqual(interpreted);
  });

  // Looping blocks run several passes inside one translated call; a step budget can end them
  // part-way (every third seed), and faults can happen in any pass.
  it.each(seeds.slice(0, 100))("random self-loop, seed %i", (seed) => {
    const passes = 1 + (seed % 30);
    const budget = seed % 3 === 0 ? 37 + seed : 10_000;
    const [interpreted, translated] = runBoth(loopProgram(seed), seed, (m) => m.memory.poke32(COUNTER, passes), budget);
    expect(translated).toEqual(interpreted);
  });
});

describe("SSE forms in translated blocks", () => {
  // mov ecx, 100; loop: cvtsi2sd xmm1, ecx; addsd xmm0, xmm1; sqrtsd xmm2, xmm0; ucomisd xmm2, xmm1;
  // seta al; add ebx, eax; dec ecx; jnz loop
  const code = [0xb9, 0x64, 0, 0, 0, 0xf2, 0x0f, 0x2a, 0xc9, 0xf2, 0x0f, 0x58, 0xc1, 0xf2, 0x0f, 0x51, 0xd0,
    0x66, 0x0f, 0x2e, 0xd1, 0x0f, 0x97, 0xc0, 0x01, 0xc3, 0x49, 0x75, 0xe8];
  it("call their handlers and give the interpreter's results", () => {
    const outcomes = [false, true].map((translation) => {
      const machine = machineWith(code, { registers: { eax: 0, ebx: 0 } });
      machine.translation = translation;
      machine.translateAfter = 1;
      const stop = machine.run({ maxSteps: 10_000 });
      return { stop, regs: Array.from(machine.registers), xmm: Array.from(machine.sse.int32), mxcsr: machine.sse.mxcsr, count: machine.instructionsExecuted };
    });
    expect(outcomes[0]?.stop.kind).toBe("halt");
    expect(outcomes[1]).toEqual(outcomes[0]);
    // The same loop in JavaScript's doubles: how many n in 100..1 have sqrt(100 + ... + n) > n.
    let sum = 0;
    let above = 0;
    for (let n = 100; n >= 1; n--) {
      sum += n;
      if (Math.sqrt(sum) > n) above++;
    }
    expect(outcomes[0]?.regs[3]).toBe(above);
  });
});
