/**
 * What each way a kernel run can stop means to gdb (src/gdb/kernel-target.ts), without a
 * socket: the faults fixture's entries run through MachineTarget, each must stop with its
 * signal at the faulting instruction, report `killed` with the same signal when resumed, and
 * leave the run's result as a plain run's (panic, aborted). Plus the command table's exact
 * replies for registers, memory and breakpoints on a live target.
 */
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { handlePacket, stopReply, type Session } from "../../src/gdb/commands.js";
import { KernelExecution } from "../../src/gdb/kernel-target.js";
import { MachineTarget } from "../../src/gdb/machine-target.js";
import { SIGNALS, type StopEvent } from "../../src/gdb/target.js";
import { prepareModuleBytes, readModule, type PreparedRun } from "../../src/kernel/kernel.js";
import { describePeers, itPeers } from "../helpers/peers.js";
import { buildImage, compileFixture, temporaryFolder } from "../kernel/support.js";

const CASES: { entry: string; args?: number[]; maxSteps?: number; signal: number; ending: string; reply: string }[] = [
  { entry: "null_write", signal: SIGNALS.SIGSEGV, ending: "panic", reply: "T0bthread:p1.1;" },
  { entry: "divide", args: [1, 0], signal: SIGNALS.SIGFPE, ending: "panic", reply: "T08thread:p1.1;" },
  { entry: "trap", signal: SIGNALS.SIGILL, ending: "panic", reply: "T04thread:p1.1;" },
  { entry: "aborts", signal: SIGNALS.SIGABRT, ending: "aborted", reply: "T06thread:p1.1;" },
  { entry: "bad_print", signal: SIGNALS.SIGSEGV, ending: "panic", reply: "T0bthread:p1.1;" },
  { entry: "spin", maxSteps: 5000, signal: SIGNALS.SIGXCPU, ending: "panic", reply: "T18thread:p1.1;" },
];

let image = "";

beforeAll(async () => {
  const folder = temporaryFolder("gdb-target");
  const bytes = compileFixture("faults", folder);
  image = await buildImage(join(folder, "faults.img"), CASES.map(({ entry }) => ({
    bytes, diskName: `${entry.slice(0, 8).toUpperCase()}.BC`, name: entry, entry,
  })));
});

function prepare(entry: string, args: number[] = [], maxSteps?: number): PreparedRun {
  const found = readModule({ image, module: entry });
  const prepared = prepareModuleBytes(found.bytes, found.where, { args, ...(maxSteps !== undefined ? { maxSteps } : {}) });
  if (!("machine" in prepared)) throw new Error("the module did not load");
  return prepared;
}

function continueToStop(target: MachineTarget): StopEvent {
  for (let slice = 0; slice < 1000; slice++) {
    const event = target.resume(100_000);
    if (event !== undefined) return event;
  }
  throw new Error("no stop after 10^8 instructions");
}

describePeers(["clang-14"], "kernel stops as gdb sees them", () => {
  for (const c of CASES) {
    itPeers(["clang-14"], `${c.entry}: ${c.reply}, then killed`, () => {
      const execution = new KernelExecution(prepare(c.entry, c.args, c.maxSteps));
      const target = new MachineTarget(execution);
      const event = continueToStop(target);
      expect(event).toEqual({ kind: "fatal", signal: c.signal });
      expect(stopReply(event)).toBe(c.reply);
      expect(target.resume(10)).toEqual({ kind: "killed", signal: c.signal });
      expect(execution.result().ending).toBe(c.ending);
    });
  }

  itPeers(["clang-14"], "the command table on a live target: registers, memory, breakpoints", () => {
    const prepared = prepare("null_write");
    const target = new MachineTarget(new KernelExecution(prepared));
    const session: Session = { target, lastStop: { kind: "stopped", signal: SIGNALS.SIGTRAP }, noAck: false };
    const reply = (payload: string) => {
      const action = handlePacket(session, payload);
      return action.kind === "reply" ? action.text : action.kind;
    };
    const eip = prepared.machine.eip;
    const eipHex = Buffer.from(Uint32Array.of(eip).buffer).toString("hex");
    expect(reply("?")).toBe("T05thread:p1.1;");
    expect(reply("p8")).toBe(eipHex);
    expect(reply("g").slice(64, 72)).toBe(eipHex);
    expect(reply("g")).toHaveLength(2 * (16 * 4 + 8 * 10 + 8 * 4));
    expect(reply("p10")).toBe("00".repeat(10)); // st0
    expect(reply("P0=78563412")).toBe("OK");
    expect(reply("p0")).toBe("78563412");
    expect(reply(`m${eip.toString(16)},1`)).toBe("55"); // push ebp
    expect(reply(`Z0,${eip.toString(16)},1`)).toBe("OK");
    expect(reply(`m${eip.toString(16)},1`)).toBe("55"); // the int3 does not show
    expect(prepared.machine.memory.readBytes(eip, 1)[0]).toBe(0xcc);
    expect(reply(`z0,${eip.toString(16)},1`)).toBe("OK");
    expect(prepared.machine.memory.readBytes(eip, 1)[0]).toBe(0x55);
    expect(reply("m0,4")).toBe("E14");
    expect(reply("mzz")).toBe("E22");
    expect(reply("Z0,0,1")).toBe("E14");
    expect(reply("qXfer:features:read:target.xml:0,40")).toMatch(/^m<\?xml version="1.0"\?>/);
    expect(reply("vCont?")).toBe("vCont;c;C;s;S");
    expect(reply("qUnknownThing")).toBe("");
    expect(reply("s")).toBe("resume");
  });
});
