/**
 * Source lines in gdb: `mkimg run --gdb` on modules/debug/fib.O0.bc (clang-14 -g) with the real
 * gdb in batch mode: `break fib.c:N`, continue, `next` over a call, `bt` with file and line,
 * `list`, `next` through a loop. The transcript is asserted, and the same script against
 * qemu-i386's gdbstub on the llc-14 build of the same bitcode (whose DWARF llc wrote) gives the
 * same transcript once what only the native build has is set aside: argument values (we emit
 * no variables), `./` before the file name, and the harness's `main` frame.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { buildNative } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers } from "../helpers/peers.js";
import { buildImage, root, temporaryFolder } from "../kernel/support.js";
import { moduleSession, qemuSession, shape } from "./support.js";

const bitcode = join(root, "modules/debug/fib.O0.bc");
let image = "";
let elf = "";

beforeAll(async () => {
  const folder = temporaryFolder("gdb-lines");
  image = await buildImage(join(folder, "fib.img"), [{ bytes: new Uint8Array(readFileSync(bitcode)), diskName: "FIB.BC", name: "fib", entry: "fib" }]);
  elf = join(folder, "fib.elf");
});

/** The sources are found through gdb's `directory` (the bitcode records "." as its compilation directory). */
const SETUP = [`directory ${join(root, "modules")}`];
const SESSION = [
  "break fib.c:20", "continue", "next", "bt", "break fib.c:12", "continue", "bt", "list", "next", "next", "next", "next", "bt",
  "delete", "continue",
];

/** From the first breakpoint on (the first stop differs: our entry, qemu's dynamic loader). */
const EXPECTED = `Breakpoint 1 at ADDR: file fib.c, line 20.

Breakpoint 1, fib () at fib.c:20
20\t  int recursive = fib_recursive(20);
21\t  return recursive == fib_iterative(20) ? recursive : -1;
#0  fib () at fib.c:21
Breakpoint 2 at ADDR: file fib.c, line 12.

Breakpoint 2, fib_iterative () at fib.c:12
12\t    int next = previous + current;
#0  fib_iterative () at fib.c:12
#1  ADDR in fib () at fib.c:21
7\t}
8\t
9\tstatic int fib_iterative(int n) {
10\t  int previous = 0, current = 1;
11\t  for (int i = 0; i < n; i++) {
12\t    int next = previous + current;
13\t    previous = current;
14\t    current = next;
15\t  }
16\t  return previous;
13\t    previous = current;
14\t    current = next;
11\t  for (int i = 0; i < n; i++) {

Breakpoint 2, fib_iterative () at fib.c:12
12\t    int next = previous + current;
#0  fib_iterative () at fib.c:12
#1  ADDR in fib () at fib.c:21
[Inferior 1 (process 1) exited normally]
`;

function fromFirstBreakpoint(transcript: string): string {
  return shape(transcript.slice(transcript.indexOf("Breakpoint 1 at")));
}

/** What only the native build shows, set aside. */
function withoutNativeExtras(transcript: string): string {
  return transcript.replace(/\.\/fib\.c/g, "fib.c").replace(/ \(n=\d+\)/g, " ()").replace(/^#\d+ +ADDR in main \(\)\n/gm, "");
}

describePeers(["gdb"], "source lines in gdb (modules/debug/fib.O0.bc)", () => {
  itPeers(["gdb"], "break fib.c:N, next over a call, bt, list, next through the loop", async () => {
    const { transcript, result } = await moduleSession(image, "fib", [], elf, SESSION, SETUP);
    expect(transcript).toMatch(/^fib \(\) at fib\.c:19\n19\tint fib\(void\) \{$/m);
    expect(fromFirstBreakpoint(transcript)).toBe(EXPECTED);
    expect([result.ending, result.value]).toEqual(["returned", 6765]);
  });

  itPeers(["gdb", "qemu-i386", "llc-14", I386_REFERENCE], "the same transcript as qemu-i386's gdbstub on the llc-14 build", async () => {
    const program = buildNative(bitcode, "fib");
    const theirs = await qemuSession(program, [], SESSION, SETUP);
    expect(withoutNativeExtras(fromFirstBreakpoint(theirs))).toBe(EXPECTED);
  });
});
