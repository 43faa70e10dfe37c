/**
 * The machine: faults as typed stop reasons with exact messages (iced-x86 disassembly), the
 * instruction budget, halt, host services, self-modifying code and code replaced by the host
 * (also after the block translator compiled it), and the interpreter-only mode.
 */
import { describe, expect, it } from "vitest";
import { Machine, SERVICE_BASE } from "../../../src/emu/machine.js";
import { EXECUTE, READ, WRITE } from "../../../src/emu/memory.js";
import { CODE, DATA, machineWith, run } from "./helpers.js";

const le32 = (value: number) => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];

interface FaultCase {
  name: string;
  code: number[];
  registers?: Record<string, number>;
  kind: string;
  message: string;
  eip?: number;
  address?: number;
  access?: string;
}

const FAULTS: FaultCase[] = [
  {
    name: "write to address 0", code: [0xc7, 0x00, 0x01, 0, 0, 0], registers: { eax: 0 }, kind: "page-fault",
    message: "page fault writing 0x00000000 at eip 0x00001000: mov dword ptr [eax],1", address: 0, access: "write",
  },
  {
    name: "read of an unmapped page", code: [0x8b, 0x03], registers: { ebx: 0x5000 }, kind: "page-fault",
    message: "page fault reading 0x00005000 at eip 0x00001000: mov eax,[ebx]", address: 0x5000, access: "read",
  },
  {
    name: "write to a read-only (code) page", code: [0x89, 0x05, ...le32(CODE)], kind: "page-fault",
    message: "page fault writing 0x00001000 at eip 0x00001000: mov [1000h],eax", address: CODE, access: "write",
  },
  {
    name: "write crossing into an unmapped page", code: [0x89, 0x05, ...le32(DATA + 0xffe)], kind: "page-fault",
    message: "page fault writing 0x00004000 at eip 0x00001000: mov [3FFEh],eax", address: 0x4000, access: "write",
  },
  {
    name: "jump to an unmapped address", code: [0xff, 0xe0], registers: { eax: 0x7000 }, kind: "page-fault",
    message: "page fault executing 0x00007000 at eip 0x00007000", eip: 0x7000, address: 0x7000, access: "execute",
  },
  {
    name: "execute a data page", code: [0xff, 0xe0], registers: { eax: DATA }, kind: "page-fault",
    message: "page fault executing 0x00003000 at eip 0x00003000: add [eax],al", eip: DATA, address: DATA, access: "execute",
  },
  { name: "divide by zero", code: [0x40, 0xf7, 0xf3], kind: "divide-error", message: "divide error at eip 0x00001001: div ebx", eip: 0x1001 },
  {
    name: "quotient too large", code: [0xf7, 0xf3], registers: { edx: 2, eax: 0, ebx: 2 }, kind: "divide-error",
    message: "divide error at eip 0x00001000: div ebx",
  },
  {
    name: "idiv of INT_MIN by -1", code: [0xf7, 0xfb], registers: { edx: -1, eax: 0x80000000, ebx: -1 }, kind: "divide-error",
    message: "divide error at eip 0x00001000: idiv ebx",
  },
  { name: "ud2", code: [0x0f, 0x0b], kind: "invalid-opcode", message: "invalid opcode at eip 0x00001000: ud2" },
  { name: "x87 fsin (not implemented)", code: [0xd9, 0xfe], kind: "invalid-opcode", message: "invalid opcode at eip 0x00001000: fsin" },
  { name: "lock on a register", code: [0xf0, 0x01, 0xd8], kind: "invalid-opcode", message: "invalid opcode at eip 0x00001000: (bad)" },
  {
    name: "instruction longer than 15 bytes", code: [...new Array(15).fill(0x3e), 0x40], kind: "general-protection",
    message: "general protection fault (instruction longer than 15 bytes) at eip 0x00001000: (bad)",
  },
  { name: "int3", code: [0xcc], kind: "breakpoint", message: "breakpoint at eip 0x00001000: int3" },
  { name: "int 0x80 without a handler", code: [0xcd, 0x80], kind: "general-protection", message: "general protection fault (int 0x80) at eip 0x00001000: int 80h" },
];

describe("faults", () => {
  it.each(FAULTS.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
    const { machine, stop } = run(testCase.code, { registers: testCase.registers });
    expect(stop.kind).toBe("fault");
    if (stop.kind !== "fault") return;
    const fault = stop.fault;
    expect({ kind: fault.kind, message: fault.message, eip: fault.eip, address: fault.address, access: fault.access }).toEqual({
      kind: testCase.kind,
      message: testCase.message,
      eip: testCase.eip ?? CODE,
      address: testCase.address,
      access: testCase.access,
    });
    expect(machine.eip).toBe(testCase.eip ?? CODE);
  });

  it("leaves the state as before the faulting instruction and does not count it", () => {
    const { machine, stop } = run([0x41, 0x50, 0x89, 0x05, 0, 0, 0, 0], { registers: { eax: 7 } });
    expect(stop.kind).toBe("fault");
    expect([machine.regs[1], machine.instructionsExecuted, machine.eip]).toEqual([1, 2, CODE + 2]);
    expect(machine.memory.readBytes(0x9000 - 4, 4)).toEqual(Uint8Array.from([7, 0, 0, 0]));
  });

  it("carries the faulting instruction's bytes", () => {
    const { stop } = run([0x8b, 0x03], { registers: { ebx: 0x5000 } });
    expect(stop.kind === "fault" && [...stop.fault.instructionBytes.subarray(0, 3)]).toEqual([0x8b, 0x03, 0xf4]);
  });

  it("treats hlt, cli and sti as privileged in user mode", () => {
    for (const code of [[0xf4], [0xfa], [0xfb]]) {
      const machine = machineWith(code);
      machine.userMode = true;
      const stop = machine.run();
      expect(stop.kind === "fault" && stop.fault.kind).toBe("general-protection");
    }
  });
});

describe("running", () => {
  it("stops at hlt and counts it", () => {
    const { machine, stop } = run([0x40, 0x40]);
    expect(stop).toEqual({ kind: "halt" });
    expect(machine.instructionsExecuted).toBe(3);
  });

  it("stops after maxSteps with a step-limit reason, and continues where it stopped", () => {
    const machine = machineWith([0x40, 0xeb, 0xfd]); // inc eax; jmp back
    expect(machine.run({ maxSteps: 101 })).toEqual({ kind: "step-limit", executed: 101 });
    expect([machine.regs[0], machine.eip]).toEqual([51, CODE + 1]);
    expect(machine.run({ maxSteps: 1000 })).toEqual({ kind: "step-limit", executed: 1000 });
    expect([machine.regs[0], machine.instructionsExecuted]).toEqual([551, 1101]);
  });

  it("reads and writes EFLAGS with the lazy status flags evaluated", () => {
    const machine = machineWith([0x31, 0xc0]); // xor eax,eax
    machine.run();
    expect(machine.readEflags()).toBe(0x246);
    machine.writeEflags(0x8d5);
    expect(machine.readEflags()).toBe(0x8d7);
  });

  it("counts exactly when the budget ends inside a translated loop", () => {
    const machine = machineWith([0x40, 0x49, 0x75, 0xfc], { registers: { ecx: 1000 } }); // inc eax; dec ecx; jnz
    machine.translateAfter = 1;
    expect(machine.run({ maxSteps: 1001 })).toEqual({ kind: "step-limit", executed: 1001 });
    expect([machine.regs[0], machine.regs[1], machine.eip]).toEqual([334, 666, CODE + 2]);
    expect(machine.run()).toEqual({ kind: "halt" });
    expect([machine.regs[0], machine.regs[1], machine.instructionsExecuted]).toEqual([1000, 0, 3001]);
  });

  it("step() executes one instruction", () => {
    const machine = machineWith([0x40, 0x41]);
    expect(machine.step()).toEqual({ kind: "step-limit", executed: 1 });
    expect([machine.regs[0], machine.regs[1], machine.eip]).toEqual([1, 0, CODE + 1]);
  });

  it("gives the same results with the block translator off", () => {
    const code = [0xb9, 0xe8, 0x03, 0, 0, 0x01, 0xc8, 0x31, 0xc3, 0xe2, 0xfa]; // ecx=1000; loop: add eax,ecx; xor ebx,eax
    const translated = machineWith(code);
    const interpreted = machineWith(code);
    interpreted.translation = false;
    expect(translated.run()).toEqual(interpreted.run());
    expect([...translated.registers]).toEqual([...interpreted.registers]);
    expect(translated.instructionsExecuted).toBe(interpreted.instructionsExecuted);
  });

  it("attributes a fault inside a translated block to the right instruction", () => {
    // esi counts down; the store faults when edi reaches the unmapped page after DATA.
    const code = [0x41, 0x89, 0x07, 0x83, 0xc7, 0x04, 0x4e, 0x75, 0xf7]; // inc ecx; mov [edi],eax; add edi,4; dec esi; jnz
    const machine = machineWith(code, { registers: { edi: DATA, esi: 5000 } });
    const stop = machine.run();
    expect(stop.kind === "fault" && stop.fault.message).toBe("page fault writing 0x00004000 at eip 0x00001001: mov [edi],eax");
    expect([machine.regs[1], machine.instructionsExecuted]).toEqual([1025, 1024 * 5 + 1]);
  });
});

describe("host services", () => {
  it("calls a TypeScript function with cdecl arguments and returns to the caller", () => {
    // push 40; push 2; mov eax,SERVICE_BASE; call eax; add esp,8
    const code = [0x6a, 0x28, 0x6a, 0x02, 0xb8, ...le32(SERVICE_BASE), 0xff, 0xd0, 0x83, 0xc4, 0x08];
    const machine = machineWith(code);
    const seen: number[] = [];
    machine.registerService(SERVICE_BASE, (m) => {
      seen.push(m.argument(0), m.argument(1));
      return { kind: "return", eax: m.argument(0) + m.argument(1), edx: 5 };
    });
    expect(machine.run()).toEqual({ kind: "halt" });
    expect([machine.regs[0], machine.regs[2], machine.regs[4], seen]).toEqual([42, 5, 0x9000, [2, 40]]);
  });

  it("lets a service stop the machine with a value", () => {
    const machine = machineWith([0xe8, ...le32(SERVICE_BASE + 0x10 - (CODE + 5))]);
    machine.registerService(SERVICE_BASE + 0x10, () => ({ kind: "stop", value: 99 }));
    expect(machine.run()).toEqual({ kind: "service-stop", value: 99 });
  });

  it("reports a bad pointer read by a service as the guest's page fault", () => {
    const machine = machineWith([0xe8, ...le32(SERVICE_BASE - (CODE + 5))]);
    machine.registerService(SERVICE_BASE, (m) => m.memory.readBytes(0x500000, 4)[0]);
    const stop = machine.run();
    expect(stop.kind === "fault" && stop.fault.message).toBe("page fault reading 0x00500000 at eip 0xffff0000");
  });

  it("refuses service addresses below the reserved range", () => {
    expect(() => new Machine().registerService(0x1000, () => 0)).toThrow("service address 0x1000 is below 0xffff0000");
  });
});

describe("code changes", () => {
  it("sees instructions the program rewrites (self-modifying code)", () => {
    // At 0x5000 (rwx): mov eax,imm; add ebx,eax; inc ecx; mov [0x5001],ecx; cmp ecx,100; jne 0x5000; hlt
    const code = [0xb8, 0, 0, 0, 0, 0x01, 0xc3, 0x41, 0x89, 0x0d, ...le32(0x5001), 0x83, 0xf9, 0x64, 0x75, 0xed, 0xf4];
    const machine = new Machine();
    machine.memory.map(0x5000, 0x1000, READ | WRITE | EXECUTE);
    machine.memory.load(0x5000, Uint8Array.from(code));
    machine.eip = 0x5000;
    expect(machine.run({ maxSteps: 10_000 })).toEqual({ kind: "halt" });
    expect(machine.regs[3]).toBe(4950);
  });

  it("drops exactly the translated regions holding code the guest overwrites", () => {
    // At 0x5000: loop: call 0x6000; mov [0x7000],ecx; cmp ecx,50; jne skip; mov byte [0x6002],2; skip: dec ecx; jnz loop; hlt
    // At 0x6000: add eax,1; ret (the store at ecx = 50 makes it add eax,2). The loop stores ecx to a data page each time.
    const loop = [0xe8, ...le32(0xffb), 0x89, 0x0d, ...le32(0x7000), 0x83, 0xf9, 0x32, 0x75, 0x07, 0xc6, 0x05, ...le32(0x6002), 0x02, 0x49, 0x75, 0xe6, 0xf4];
    const runLoop = (storeTo: number, translation: boolean) => {
      const machine = new Machine();
      machine.memory.map(0x5000, 0x3000, READ | WRITE | EXECUTE);
      machine.memory.map(0x8000, 0x1000, READ | WRITE);
      machine.memory.load(0x5000, Uint8Array.from(loop.map((byte, at) => (at >= 18 && at < 22 ? le32(storeTo)[at - 18] : byte))));
      machine.memory.load(0x6000, Uint8Array.from([0x83, 0xc0, 0x01, 0xc3]));
      Object.assign(machine, { eip: 0x5000, translation, translateAfter: 1 });
      machine.regs[1] = 1000;
      machine.regs[4] = 0x9000;
      // Regions translated after 1,000 and after 3,000 more instructions (ecx still above 50).
      const counts = [1000, 3000].map((steps) => (machine.run({ maxSteps: steps }), machine.regionsTranslated));
      return { stop: machine.run(), eax: machine.regs[0], counts, total: machine.regionsTranslated };
    };
    const patched = runLoop(0x6002, true);
    expect([patched.stop, patched.eax]).toEqual([{ kind: "halt" }, 951 + 2 * 49]);
    expect(runLoop(0x6002, false).eax).toBe(951 + 2 * 49);
    const data = runLoop(0x7001, true);
    expect(data.eax).toBe(1000);
    // 500 stores to the data page drop nothing: no region is translated again.
    expect(data.counts[1]).toBe(data.counts[0]);
    expect(patched.counts).toEqual(data.counts);
    // The one store to 0x6002 drops the regions holding that page; they are translated again once.
    expect(patched.total).toBeGreaterThan(data.total);
    expect(patched.total - data.total).toBeLessThanOrEqual(data.counts[0]);
  });

  it("sees code the host replaces after a block was translated", () => {
    const machine = machineWith([0x40, 0xeb, 0xfd]); // inc eax; jmp back
    machine.run({ maxSteps: 1000 });
    machine.memory.writeBytes(CODE, Uint8Array.from([0x41])); // inc ecx
    machine.run({ maxSteps: 100 });
    expect([machine.regs[0], machine.regs[1]]).toEqual([500, 50]);
  });
});
