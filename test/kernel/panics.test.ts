/**
 * Kernel panics: a guest fault, a runaway module, a fault inside a kernel service, running out
 * of heap or pool memory. Each report names the cause, EIP as function+offset, the instruction
 * there (disassembled by iced-x86) and the backtrace of JIT frames. Where the native build can
 * run the same entry to an end (kabort, heap exhaustion), the two must agree.
 */
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { runModule, type RunResult } from "../../src/kernel/kernel.js";
import { nativeRun } from "../helpers/native.js";
import { describePeers, itPeers } from "../helpers/peers.js";
import { asNative, buildImage, compileFixture, temporaryFolder } from "./support.js";

const ENTRIES = ["null_write", "spin", "divide", "overflow", "trap", "bad_print", "aborts", "leak", "free_bad", "write_code"];
let image = "";
let bitcode = "";

beforeAll(async () => {
  const folder = temporaryFolder("kernel-panics");
  const bytes = compileFixture("faults", folder);
  bitcode = join(folder, "faults.bc");
  image = await buildImage(
    join(folder, "faults.img"),
    ENTRIES.map((entry) => ({ bytes, diskName: `${entry.slice(0, 8).toUpperCase()}.BC`, name: entry, entry })),
  );
});

function locations(result: RunResult): string[] {
  return (result.panic?.backtrace ?? []).map((frame) => frame.location.replace(/\+0x[0-9a-f]+$/, "+"));
}

interface Case {
  entry: string;
  args?: number[];
  maxSteps?: number;
  message: string | RegExp;
  location: RegExp;
  instruction: RegExp;
  backtrace: string[];
}

const cases: Case[] = [
  {
    entry: "null_write", message: "page fault writing 0x00000000 (null pointer)",
    location: /^store_null\+0x[0-9a-f]+$/, instruction: /^mov (dword ptr )?\[e[a-z]{2}\],e[a-z]{2}$/, backtrace: ["store_null+", "null_write+"],
  },
  {
    entry: "spin", maxSteps: 100_000, message: "runaway module: still running after 100000 instructions (--max-steps)",
    location: /^spin\+0x[0-9a-f]+$/, instruction: /^[a-z]+ /, backtrace: ["spin+"],
  },
  {
    entry: "divide", args: [1, 0], message: "divide error",
    location: /^quotient\+0x[0-9a-f]+$/, instruction: /^idiv /, backtrace: ["quotient+", "divide+"],
  },
  {
    entry: "trap", message: "invalid opcode", location: /^trap\+0x[0-9a-f]+$/, instruction: /^ud2$/, backtrace: ["trap+"],
  },
  {
    entry: "bad_print", message: "page fault reading 0x00000000 (null pointer)",
    location: /^kernel service kprint$/, instruction: /^$/, backtrace: ["kernel service kprint", "bad_print+"],
  },
  {
    entry: "write_code", message: /^page fault writing 0x[0-9a-f]{8}$/,
    location: /^kernel service memset$/, instruction: /^$/, backtrace: ["kernel service memset", "write_code+"],
  },
  {
    entry: "free_bad", message: /^kfree\(0x[0-9a-f]{8}\): not a block from kmalloc$/,
    location: /^kernel service kfree$/, instruction: /^$/, backtrace: ["kernel service kfree", "free_bad+"],
  },
];

describePeers(["clang-14"], "kernel panics", () => {
  for (const { entry, args, maxSteps, message, location, instruction, backtrace } of cases) {
    itPeers(["clang-14"], `${entry}: ${String(message)}`, () => {
      const result = runModule({ image, module: entry, args, maxSteps });
      expect(result.ending).toBe("panic");
      const panic = result.panic!;
      expect(panic.message).toMatch(message);
      expect(panic.location).toMatch(location);
      expect(panic.instruction).toMatch(instruction);
      expect(locations(result)).toEqual(backtrace);
      const eip = panic.eip!.toString(16).padStart(8, "0");
      const at = `  at 0x${eip} ${panic.location}${panic.instruction ? `: ${panic.instruction}` : ""}`;
      expect(panic.text.split("\n").slice(0, 4)).toEqual([`kernel panic: ${panic.message}`, at, "  backtrace:", `    #0 0x${eip} ${panic.location}`]);
    });
  }

  itPeers(["clang-14"], "a stack overflow faults in the guard page; the backtrace folds the recursion", () => {
    const result = runModule({ image, module: "overflow" });
    expect(result.panic?.message).toMatch(/^page fault writing 0x[0-9a-f]{8} \(stack overflow: the guard page below the stack\)$/);
    const lines = result.panic!.text.split("\n");
    expect(lines[3]).toMatch(/^ {4}#0 0x[0-9a-f]{8} deeper\+0x[0-9a-f]+$/);
    expect(lines[4]).toMatch(/^ {4}#1 0x[0-9a-f]{8} deeper\+0x[0-9a-f]+$/);
    expect(lines[5]).toMatch(/^ {4}\.\.\. 4094 more frames at 0x[0-9a-f]{8} deeper\+0x[0-9a-f]+$/);
    expect(lines[6]).toBe("    (cut at 4096 frames)");
  });

  itPeers(["clang-14"], "a pool too small for the module is an out-of-memory panic, not a short write", () => {
    const result = runModule({ image, module: "trap", pools: { code: 256 } });
    expect(result.ending).toBe("panic");
    expect(result.panic?.cause).toBe("out-of-memory");
    expect(result.panic?.text).toMatch(/^kernel panic: out of memory in the code pool: \d+ bytes requested, 256 of 256 free \(raise --code-pool\)\n$/);
  });

  itPeers(["clang-14", "llc-14", "gcc"], "kabort and heap exhaustion end as in the native build", async () => {
    for (const entry of ["aborts", "leak"]) {
      expect(asNative(runModule({ image, module: entry })), entry).toEqual(await nativeRun(bitcode, entry, []));
    }
    const small = runModule({ image, module: "leak", pools: { heap: 64 << 10 } });
    expect([Buffer.from(small.output).toString(), small.value]).toEqual(["15", 15]); // 65536 / (4096 + 8)
  });
});
