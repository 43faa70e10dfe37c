/**
 * The known bugs of qemu-i386 (Debian's qemu-user 7.2), in one place. Where qemu-i386 is the
 * reference (machines that run no i386 processes), the cases that hit one of these are left out
 * of the comparison and counted; test/emu/diff/harness.test.ts shows each one to be qemu's: our
 * emulator, the Intel SDM and the real CPU (in 32-bit mode where it can still be reached, else
 * the same instruction in 64-bit mode) agree against qemu.
 */
import type { TestCase } from "../emu/gen/builder.js";

export interface QemuBug {
  id: string;
  /** What qemu gets wrong, and what the SDM says. */
  description: string;
  /** Whether a random-test case hits the bug. */
  applies: (testCase: TestCase) => boolean;
}

/** `ret imm16` with imm16 >= 0x8000 (the only immediate the random tests pick there is 0xfffe). */
function largeReturnImmediate(testCase: TestCase): boolean {
  return testCase.lines.some((line) => {
    const match = /^ret (\d+)$/.exec(line.trim());
    return match !== null && Number(match[1]) >= 0x8000;
  });
}

export const knownQemuBugs: QemuBug[] = [
  {
    id: "ret-imm16",
    description: "`ret imm16` with imm16 >= 0x8000: qemu-i386 adds imm16 to ESP sign-extended; the SDM (RET, " +
      "'SP <- SP + SRC' with SRC zero-extended) and the CPU add it zero-extended",
    applies: largeReturnImmediate,
  },
];

/** The known qemu bug `testCase` hits, if any. */
export function knownQemuBug(testCase: TestCase): QemuBug | undefined {
  return knownQemuBugs.find((bug) => bug.applies(testCase));
}
