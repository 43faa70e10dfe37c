/**
 * Control transfer and system instructions: jmp, call, ret, loop/jecxz, int, int3, hlt, cli,
 * sti, ud2, the nops (90, 0F 1F /0, the other hint nops, pause, endbr32), enter and leave
 * (jcc is generated from templates, see templates.ts).
 * The machine has already set EIP to the next instruction when a handler runs.
 */
import { FaultSignal, StopSignal } from "../faults.js";
import { IF, getZF } from "../flags.js";
import type { Handler } from "../instruction.js";
import { pop32, push32, readRm } from "../operands.js";

export const jmpRelative: Handler = (m, i) => {
  m.eip = i.target;
};

/** jmp r/m32 (FF /4). */
export const jmpIndirect: Handler = (m, i) => {
  m.eip = readRm(m, i, 4) >>> 0;
};

export const callRelative: Handler = (m, i) => {
  push32(m, i.next);
  m.eip = i.target;
};

/** call r/m32 (FF /2). The target is read before the return address is pushed. */
export const callIndirect: Handler = (m, i) => {
  const target = readRm(m, i, 4) >>> 0;
  push32(m, i.next);
  m.eip = target;
};

/** ret (C3) and ret imm16 (C2). */
export const ret: Handler = (m, i) => {
  m.eip = pop32(m) >>> 0;
  if (i.immediate !== 0) m.regs[4] = (m.regs[4] + i.immediate) | 0;
};

/** loop (E2), loope (E1), loopne (E0), jecxz (E3). */
export const loop: Handler = (m, i) => {
  const regs = m.regs;
  if (i.opcode === 0xe3) {
    if (regs[1] === 0) m.eip = i.target;
    return;
  }
  regs[1] = (regs[1] - 1) | 0;
  if (regs[1] === 0) return;
  if (i.opcode === 0xe2 || (i.opcode === 0xe1) === getZF(m)) m.eip = i.target;
};

/** int imm8 (CD): the machine's interrupt handler (Linux: int 0x80), else #GP as in user mode. */
export const interrupt: Handler = (m, i) => {
  if (m.interruptHandler === null || !m.interruptHandler(m, i.immediate)) {
    throw new FaultSignal("general-protection", undefined, undefined, `int 0x${i.immediate.toString(16)}`);
  }
};

export const int3: Handler = () => {
  throw new FaultSignal("breakpoint");
};

/** hlt (F4): stops the machine; in user mode (a Linux process) it is privileged: #GP. */
export const hlt: Handler = (m) => {
  if (m.userMode) throw new FaultSignal("general-protection");
  throw new StopSignal({ kind: "halt" });
};

/** cli / sti (FA, FB): IF for a kernel; #GP in user mode (IOPL 0). */
export const cli: Handler = (m) => {
  if (m.userMode) throw new FaultSignal("general-protection");
  m.eflags &= ~IF;
};

export const sti: Handler = (m) => {
  if (m.userMode) throw new FaultSignal("general-protection");
  m.eflags |= IF;
};

export const ud2: Handler = () => {
  throw new FaultSignal("invalid-opcode");
};

export const nop: Handler = () => {};

/** leave (C9): ESP = EBP, then pop EBP. */
export const leave: Handler = (m) => {
  const regs = m.regs;
  const value = m.memory.read32(regs[5]);
  regs[4] = (regs[5] + 4) | 0;
  regs[5] = value;
};

/** enter imm16, imm8 (C8): push EBP, copy `level - 1` outer frame pointers, allocate. */
export const enter: Handler = (m, i) => {
  const regs = m.regs;
  const level = i.immediate2 & 31;
  push32(m, regs[5]);
  const frame = regs[4];
  if (level > 0) {
    let ebp = regs[5];
    for (let k = 1; k < level; k++) {
      ebp = (ebp - 4) | 0;
      push32(m, m.memory.read32(ebp));
    }
    push32(m, frame);
  }
  regs[5] = frame;
  regs[4] = (regs[4] - i.immediate) | 0;
};
