/**
 * The profiler's call counts against arithmetic: fib.c at -O0 computes fib_recursive(20) by
 * plain double recursion, which makes 2 * fib(21) - 1 = 21891 calls; the entry and the
 * iterative check are called once each. Counting must not change what the module computes.
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { runModule } from "../../src/kernel/kernel.js";
import { buildImage, sampleBitcode, temporaryFolder } from "./support.js";

it("counts every call, direct and from the kernel", async () => {
  const image = await buildImage(join(temporaryFolder("kernel-profiler"), "fib.img"), [
    { bytes: sampleBitcode("fib", 0), diskName: "FIB.BC", name: "fib", entry: "fib" },
  ]);
  const plain = runModule({ image, module: "fib" });
  const profiled = runModule({ image, module: "fib", profile: true });
  expect(profiled.calls).toEqual([
    { name: "fib_recursive", calls: 21891 },
    { name: "fib", calls: 1 },
    { name: "fib_iterative", calls: 1 },
  ]);
  expect([profiled.ending, profiled.value]).toEqual([plain.ending, plain.value]);
  // Two instructions per call (the trampoline's inc and jmp), and nothing else.
  expect(profiled.stats.instructions - plain.stats.instructions).toBe(2 * (21891 + 1 + 1));
  expect(plain.calls).toBeUndefined();
});
