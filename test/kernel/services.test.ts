/**
 * Kernel services. (1) Their edge cases, as a module calls them, against the native harness
 * (test/helpers/native-harness.c, which implements docs/KERNEL_API.md). (2) The service
 * mechanics on a bare machine with hand-assembled guest code: cdecl arguments read from the
 * stack, the result in EAX, the stack balanced, a bad pointer faulting inside the service.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Machine } from "../../src/emu/machine.js";
import { READ, WRITE, EXECUTE } from "../../src/emu/memory.js";
import { runModule } from "../../src/kernel/kernel.js";
import { Heap } from "../../src/kernel/heap.js";
import { installServices, type ServiceContext } from "../../src/kernel/services.js";
import { nativeRun } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";
import { asNative, buildImage, compileFixture, temporaryFolder } from "./support.js";

describePeers([I386_REFERENCE, "clang-14", "llc-14", "gcc"], `services at their edges${referenceLabel()}`, () => {
  let image = "";
  let bitcode = "";
  beforeAll(async () => {
    const folder = temporaryFolder("kernel-services");
    const bytes = compileFixture("services", folder);
    bitcode = join(folder, "services.bc");
    image = await buildImage(join(folder, "services.img"), [{ bytes, diskName: "SERVICES.BC", name: "services", entry: "services" }]);
  });

  itPeers(["clang-14", "llc-14", "gcc"], "print what the native harness prints", async () => {
    const native = await nativeRun(bitcode, "services", []);
    expect(native.stdout).toContain("memcmp high byte=254\n");
    expect(asNative(runModule({ image, module: "services" }))).toEqual(native);
  });
});

const CODE = 0x1000;
const DATA = 0x8000;
const STACK_TOP = 0x20000;
const HEAP = 0x40000;
const DONE = 0xffffff00;

/** push each argument (last first), call the service, add esp; then jump to DONE. */
function callCode(service: number, args: number[]): Uint8Array {
  const bytes: number[] = [];
  const word = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
  for (const value of [...args].reverse()) bytes.push(0x68, ...word(value));
  const callEnd = CODE + bytes.length + 5;
  bytes.push(0xe8, ...word((service - callEnd) >>> 0));
  bytes.push(0x83, 0xc4, 4 * args.length);
  const jumpEnd = CODE + bytes.length + 5;
  bytes.push(0xe9, ...word((DONE - jumpEnd) >>> 0));
  return Uint8Array.from(bytes);
}

function bareMachine(): { machine: Machine; context: ServiceContext; output: string[]; services: Map<string, number> } {
  const machine = new Machine();
  machine.memory.map(CODE, 0x1000, READ | EXECUTE);
  machine.memory.map(DATA, 0x1000, READ | WRITE);
  machine.memory.map(STACK_TOP - 0x4000, 0x4000, READ | WRITE);
  machine.memory.map(HEAP, 0x10000, READ | WRITE);
  machine.registerService(DONE, () => ({ kind: "stop", value: 0 }));
  const output: string[] = [];
  const context: ServiceContext = {
    write: (bytes) => output.push(Buffer.from(bytes).toString("latin1")),
    heap: new Heap(machine.memory, { base: HEAP, size: 0x10000 }),
    ticks: 0,
    ending: undefined,
  };
  return { machine, context, output, services: installServices(machine, context) };
}

function call(name: string, args: number[], setup: (machine: Machine) => void = () => {}) {
  const bare = bareMachine();
  setup(bare.machine);
  bare.machine.memory.load(CODE, callCode(bare.services.get(name)!, args));
  bare.machine.regs[4] = STACK_TOP;
  bare.machine.eip = CODE;
  const stop = bare.machine.run({ maxSteps: 100 });
  return { ...bare, stop, eax: bare.machine.regs[0], esp: bare.machine.regs[4] };
}

const text = (machine: Machine, value: string): void => machine.memory.load(DATA, Uint8Array.from(Buffer.from(`${value}\0`, "latin1")));

describe("service calls from guest code", () => {
  const cases: [string, number[], ((machine: Machine) => void) | undefined, number | undefined, string][] = [
    ["kprint_int", [-2147483648], undefined, undefined, "-2147483648"],
    ["kputc", [0x1e9], undefined, undefined, "\xe9"],
    ["kprint", [DATA], (m) => text(m, "hi\xff"), undefined, "hi\xff"],
    ["memcmp", [DATA, DATA + 4, 3], (m) => text(m, "abc\0abd"), -1, ""],
    ["memset", [DATA, 0x41, 2], undefined, DATA, ""],
    ["kmalloc", [1], undefined, HEAP + 8, ""],
    ["kmalloc", [0], undefined, 0, ""],
    ["kticks", [], undefined, 1, ""],
  ];
  it.each(cases)("%s(%j)", (name, args, setup, eax, printed) => {
    const result = call(name, args, setup);
    expect(result.stop).toEqual({ kind: "service-stop", value: 0 });
    if (eax !== undefined) expect(result.eax).toBe(eax);
    expect(result.esp).toBe(STACK_TOP);
    expect(result.output.join("")).toBe(printed);
  });

  it("memset stores the low byte", () => {
    const result = call("memset", [DATA, 0x141, 3]);
    expect([...result.machine.memory.readBytes(DATA, 4)]).toEqual([0x41, 0x41, 0x41, 0]);
  });

  it("a pointer the module may not use faults inside the service, not in the host", () => {
    const result = call("memcpy", [CODE, DATA, 4]);
    expect(result.stop).toMatchObject({ kind: "fault", fault: { kind: "page-fault", address: CODE, access: "write" } });
    expect(result.machine.eip).toBe(result.services.get("memcpy"));
  });

  it("kexit records the ending and stops", () => {
    const result = call("kexit", [42]);
    expect(result.stop).toEqual({ kind: "service-stop", value: 0 });
    expect(result.context.ending).toEqual({ kind: "exited", value: 42 });
  });
});
