/**
 * The sample modules against native execution: every module's committed bitcode (clang-14 in
 * modules/bc, clang-19 in modules/bc19; -O0, -O1, -O2), compiled by the matching llc and run on
 * this machine with the kernel-services harness, must print and return exactly what gcc -m32
 * makes of the C source at -O0 and -O2 -- and, where the answer is known independently (by
 * hand or by Python's hashlib and re), exactly that answer.
 */
import { join } from "node:path";
import { describe, expect } from "vitest";
import { nativeRun, nativeRunC, type NativeResult } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";

const modules = new URL("../../modules/", import.meta.url).pathname;

interface Case {
  name: string;
  args?: number[];
  /** What the module must produce, known without running any build of it. */
  expected?: Partial<NativeResult>;
}

const cases: Case[] = [
  { name: "fib", expected: { returned: 6765, stdout: "" } },
  { name: "sum", expected: { returned: 5050, stdout: "" } },
  { name: "primes", expected: { returned: 168, stdout: "" } },
  // python3: XOR of the eight big-endian words of hashlib.sha256(message).digest()
  { name: "sha256", expected: { returned: 931215960, stdout: "" } },
  // python3: bit i set when re.fullmatch(r"[a-z_][a-z0-9_]*(\.[a-z]+)?=[0-9]+", inputs[i])
  { name: "regexdfa", expected: { returned: 18703, stdout: "" } },
  { name: "compute", expected: { returned: 1113178751, stdout: "" } }, // gcc -m32 on the source
  { name: "matmul", expected: { returned: -148, stdout: "" } }, // gcc -m32 on the source
  { name: "qsort", expected: { returned: 913984, stdout: "" } }, // gcc -m32 on the source
  { name: "strops", expected: { returned: 1165741597, stdout: "" } }, // gcc -m32 on the source
  { name: "gemmtile", expected: { returned: -2087304473, stdout: "" } }, // gcc -m32 on the source
  {
    name: "lists", // gcc -m32 on the source
    expected: {
      returned: 235075572,
      stdout: "length 300, after removing every third 200\nfirst: node1=3 node9=8 node8=31 node7=40 node0=55\n",
    },
  },
  {
    name: "hello",
    expected: {
      returned: 0,
      stdout: "Hello from a module!\n0 7 -42 2147483647 -2147483648 1000000\nticks advance: yes\n",
    },
  },
  {
    name: "memops",
    expected: {
      returned: 0,
      stdout:
        "memcpy: ok\nmemmove forward: ok\nmemmove backward: ok\nmemset: ok\n" +
        "memcmp abc abd = -1\nmemcmp sign: ok\ncde*****ghij\n",
    },
  },
  { name: "args", args: [7, 3], expected: { returned: 25, ending: "returned", stdout: "a=7 b=3 a/b=2 a%b=1 product/1000=0\n" } },
  { name: "args", args: [-20, 6], expected: { returned: -146, stdout: "a=-20 b=6 a/b=-3 a%b=-2 product/1000=0\n" } },
  {
    name: "args",
    args: [-2147483648, -1],
    expected: { returned: 1, stdout: "a=-2147483648 b=-1 a/b=-2147483648 a%b=0 product/1000=2147483\n" },
  },
  { name: "args", args: [5, 0], expected: { returned: 99, ending: "exited", stdout: "a=5 b=0 division by zero: exit 99\n" } },
  { name: "args", args: [-1, 2], expected: { returned: 0, ending: "panic", message: "args: a must not be -1", stdout: "" } },
];

const builds = ["bc", "bc19"].flatMap((folder) =>
  [0, 1, 2].map((level) => ({ folder, level, llc: folder === "bc19" ? "llc-19" : "llc-14" })),
);

describePeers([I386_REFERENCE, "llc-14", "llc-19", "gcc"], `sample modules run natively${referenceLabel()}`, () => {
  for (const { name, args = [], expected } of cases) {
    itPeers(["llc-14", "llc-19", "gcc"], `${name}(${args.join(", ")})`, async () => {
      const source = join(modules, `${name}.c`);
      const fromSource = await nativeRunC(source, name, args, ["gcc", "-m32", "-O0"]);
      expect(await nativeRunC(source, name, args, ["gcc", "-m32", "-O2"])).toEqual(fromSource);
      if (expected) expect(fromSource).toMatchObject({ ending: "returned", ...expected });
      for (const { folder, level, llc } of builds) {
        const result = await nativeRun(join(modules, folder, `${name}.O${level}.bc`), name, args, llc);
        expect(result, `${folder}/${name}.O${level}.bc`).toEqual(fromSource);
      }
    });
  }
});

describe("the native runner", () => {
  itPeers(["llc-14", "gcc"], "fails loudly on an entry the module does not define", async () => {
    await expect(nativeRun(join(modules, "bc/fib.O0.bc"), "nosuch", [])).rejects.toThrow(/undefined symbol `nosuch'/);
  });
});
