/**
 * The fault program: cases whose last instruction faults (divide error, invalid opcode, general
 * protection, page faults on read, write and execute). Natively each kills the process with a
 * signal, so they cannot share one run: the program takes the case number as argv[1], writes one
 * line naming the case, sets up registers and memory like a random case, and runs the faulting
 * instruction at the global label `fault_<n>`. The test compares the native signal with the
 * emulator's typed fault, and the emulator's fault address with `fault_<n>`'s (from `nm`).
 */
import { CaseBuilder, EAX, EDX, ESP, type TestCase, registerOperand } from "./builder.js";
import { harnessSource, PROGRAM_HEAD, setupSource } from "./program.js";
import { Random, type OperandSize, sizeMask } from "./random.js";

export interface FaultCase extends TestCase {
  fault: "SIGFPE" | "SIGILL" | "SIGSEGV";
  /** The fault's kind as the emulator should report it. */
  kind: "divide error" | "invalid opcode" | "general protection" | "page fault";
  /** Where EIP is at the fault: the faulting instruction, or a jump target (execute faults). */
  faultAt: "instruction" | number | "scratch";
}

type Build = (b: CaseBuilder) => Pick<FaultCase, "fault" | "kind" | "faultAt">;

function divisionFault(mnemonic: "div" | "idiv", size: OperandSize, overflow: boolean): Build {
  return (b) => {
    const sign = 2 ** (size - 1);
    let [high, low, divisor] = [b.random.int(0, 3), b.random.value(size), 0];
    if (overflow && mnemonic === "div") [high, divisor] = [b.random.pick([sizeMask[size], 5]), b.random.pick([1, 5])];
    if (overflow && mnemonic === "idiv") [high, low, divisor] = [sizeMask[size], sign, sizeMask[size]];
    b.reserve(EAX, EDX);
    if (size === 8) b.set(registerOperand(16, EAX), ((high << 8) | low) & 0xffff);
    else {
      b.set(registerOperand(size, EAX), low);
      b.set(registerOperand(size, EDX), high);
    }
    const source = b.registerOrMemory(size, divisor, { exclude: [EAX, EDX] });
    b.emit(`${mnemonic} ${source.text}`);
    return { fault: "SIGFPE", kind: "divide error", faultAt: "instruction" };
  };
}

const rawFaults: [string, string, Pick<FaultCase, "fault" | "kind" | "faultAt">][] = [
  ["ud2", "ud2", { fault: "SIGILL", kind: "invalid opcode", faultAt: "instruction" }],
  ["ud1", ".byte 0x0f, 0xb9, 0xc0", { fault: "SIGILL", kind: "invalid opcode", faultAt: "instruction" }],
  ["lock on a register operand", ".byte 0xf0, 0x01, 0xd8", { fault: "SIGILL", kind: "invalid opcode", faultAt: "instruction" }],
  ["hlt at CPL 3", "hlt", { fault: "SIGSEGV", kind: "general protection", faultAt: "instruction" }],
  ["read of address 0", "mov eax, dword ptr [0]", { fault: "SIGSEGV", kind: "page fault", faultAt: "instruction" }],
  ["read near the top of memory", "mov al, byte ptr [0xfffffff0]", { fault: "SIGSEGV", kind: "page fault", faultAt: "instruction" }],
  ["write into .text", "mov dword ptr [_start], eax", { fault: "SIGSEGV", kind: "page fault", faultAt: "instruction" }],
  ["push with ESP at 16", "mov esp, 16\n  push eax", { fault: "SIGSEGV", kind: "page fault", faultAt: "instruction" }],
  ["jump to unmapped 0x1000", "mov eax, 0x1000\n  jmp eax", { fault: "SIGSEGV", kind: "page fault", faultAt: 0x1000 }],
  ["jump into non-executable data", "mov eax, offset scratch\n  jmp eax", { fault: "SIGSEGV", kind: "page fault", faultAt: "scratch" }],
  // SSE: a 16-byte operand of a legacy SSE form must be aligned (#GP); a 16-byte store that
  // reaches a read-only page writes nothing; an unmasked SIMD exception is #XM (SIGFPE);
  // ldmxcsr with a reserved bit set is #GP.
  ["movaps from an unaligned address", "mov eax, offset scratch+4\n  movaps xmm0, xmmword ptr [eax]", { fault: "SIGSEGV", kind: "general protection", faultAt: "instruction" }],
  ["addpd with an unaligned memory operand", "addpd xmm1, xmmword ptr [scratch+8]", { fault: "SIGSEGV", kind: "general protection", faultAt: "instruction" }],
  ["movups store into .text", "movups xmmword ptr [_start+2], xmm3", { fault: "SIGSEGV", kind: "page fault", faultAt: "instruction" }],
  ["divsd by zero with ZE unmasked", "push 0x1d80\n  ldmxcsr dword ptr [esp]\n  xorpd xmm1, xmm1\n  mov eax, 1\n  cvtsi2sd xmm0, eax\n  divsd xmm0, xmm1",
    { fault: "SIGFPE", kind: "divide error", faultAt: "instruction" }],
  ["ldmxcsr with a reserved bit", "push 0x11f80\n  ldmxcsr dword ptr [esp]", { fault: "SIGSEGV", kind: "general protection", faultAt: "instruction" }],
  // The same faults once the code is hot (the emulator has translated it): the 40th division is
  // by zero; the reads walk off the end of the data into the unmapped page after .bss.
  ["divide error in a hot loop", "mov ecx, 40\n1:\n  mov eax, 1000\n  xor edx, edx\n  lea ebx, [ecx-1]\n@div ebx\n  dec ecx\n  jnz 1b",
    { fault: "SIGFPE", kind: "divide error", faultAt: "instruction" }],
  ["read past the end of .bss in a hot loop", "mov esi, offset scratch\n1:\n@mov eax, dword ptr [esi]\n  add esi, 4\n  jmp 1b",
    { fault: "SIGSEGV", kind: "page fault", faultAt: "instruction" }],
];

function faultBuilds(): [string, Build][] {
  const builds: [string, Build][] = [];
  for (const mnemonic of ["div", "idiv"] as const) {
    for (const size of [8, 16, 32] as OperandSize[]) {
      for (const overflow of [false, true]) {
        builds.push([`${mnemonic} ${size} ${overflow ? "quotient overflow" : "by zero"}`, divisionFault(mnemonic, size, overflow)]);
      }
    }
  }
  for (const [name, text, outcome] of rawFaults) {
    builds.push([name, (b) => {
      b.reserve(ESP);
      b.emit(...text.split(/\n\s*/));
      return outcome;
    }]);
  }
  return builds;
}

export function generateFaultCases(seed: number): FaultCase[] {
  const random = new Random(seed);
  return faultBuilds().map(([name, build], index) => {
    const builder = new CaseBuilder(random, index, name);
    const outcome = build(builder);
    return { ...builder.build(), ...outcome };
  });
}

/** The program: `fault-program N` runs case N. */
export function faultProgramSource(cases: FaultCase[]): string {
  const body = cases.flatMap((testCase) => {
    const message = `fault case ${testCase.index}: ${testCase.variant}\\n`;
    // The faulting instruction is the one marked with "@", else the last one.
    const marked = testCase.lines.findIndex((line) => line.startsWith("@"));
    const faulting = marked >= 0 ? marked : testCase.lines.length - 1;
    const lines = testCase.lines.flatMap((line, position) =>
      position === faulting ? [`.globl fault_${testCase.index}`, `fault_${testCase.index}:`, `  ${line.replace(/^@/, "")}`] : [`  ${line}`],
    );
    return [
      `case_${testCase.index}:`,
      `  mov eax, 4\n  mov ebx, 1\n  mov ecx, offset message_${testCase.index}\n  mov edx, message_${testCase.index}_end - message_${testCase.index}\n  int 0x80`,
      ...setupSource(testCase).map((line) => `  ${line}`),
      ...lines,
      "  mov eax, 1\n  mov ebx, 99\n  int 0x80",
      ".section .rodata",
      `message_${testCase.index}: .ascii "${message}"`,
      `message_${testCase.index}_end:`,
      ".text",
    ];
  });
  return [
    ...PROGRAM_HEAD,
    "  mov eax, [esp+8]",
    "  xor ebx, ebx",
    "1:",
    "  movzx ecx, byte ptr [eax]",
    "  test ecx, ecx",
    "  jz 2f",
    "  imul ebx, ebx, 10",
    "  lea ebx, [ebx+ecx-48]",
    "  inc eax",
    "  jmp 1b",
    "2:",
    `  cmp ebx, ${cases.length}`,
    "  jae 3f",
    "  jmp dword ptr [case_table+ebx*4]",
    "3:",
    "  mov eax, 1\n  mov ebx, 98\n  int 0x80",
    ...body,
    harnessSource(),
    ".section .rodata",
    ".balign 4",
    "case_table:",
    ...cases.map((testCase) => `  .long case_${testCase.index}`),
  ].join("\n");
}
