/**
 * `mkimg run --gdb` with the real gdb in batch mode: breakpoints, backtraces, registers,
 * memory, stepping over and into a call, a watchpoint, guest faults, kill, detach, a dropped
 * connection and random bytes on the socket. The same sessions against qemu-i386's gdbstub on
 * the native build (llc-14 + gcc -m32) of the same module must have the same shape: the same
 * stops, the same frames of module code, the same registers (qemu's list starts with ours).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { buildNative } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers } from "../helpers/peers.js";
import { buildImage, root, temporaryFolder } from "../kernel/support.js";
import { debugModule } from "../../src/gdb/debug-run.js";
import { encodePacket } from "../../src/gdb/packets.js";
import { frames, gdbFixture, ourSession, qemuSession, registerNames, shape } from "./support.js";

let folder = "";
let image = "";
let elf = "";
let bitcode = "";

beforeAll(async () => {
  folder = temporaryFolder("gdb");
  bitcode = join(folder, "debugee.bc");
  execFileSync("clang-14", [
    "-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm", "-O0",
    "-I", join(root, "modules/include"), gdbFixture(root), "-o", bitcode,
  ]);
  const bytes = new Uint8Array(execFileSync("cat", [bitcode]));
  image = await buildImage(join(folder, "gdb.img"), [{ bytes, diskName: "DEBUGEE.BC", name: "debugee", entry: "debugee" }]);
  elf = join(folder, "debugee.elf");
});

const GENERAL = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags", "cs", "ss", "ds", "es", "fs", "gs"];

describePeers(["gdb", "clang-14"], "gdb attached to mkimg run --gdb", () => {
  itPeers(["gdb"], "break, continue, bt, registers, memory, a watchpoint, the exit", async () => {
    const { transcript, result } = await ourSession(image, elf, 0, [
      "break square", "continue", "bt", "info registers", "x/2xw $ebp", "watch *(int *)&counter", "continue", "bt", "continue",
    ]);
    const text = shape(transcript);
    expect(text).toContain("ADDR in debugee ()\nBreakpoint 1 at ADDR\n\nBreakpoint 1, ADDR in square ()\n");
    expect(frames(transcript)).toEqual(["square", "depth", "depth", "depth", "debugee", "bump", "debugee"]);
    expect(registerNames(transcript)).toEqual(GENERAL);
    expect(transcript).toMatch(/^eip {12}0x30026 {13}0x30026 <square\+6>$/m);
    expect(transcript).toMatch(/^cs {13}0x23 {16}35$/m);
    // [ebp] in square: the caller's ebp, then the return address into depth (frame #1).
    expect(transcript).toMatch(/^0x[0-9a-f]+:\t0x0115f[0-9a-f]{3}\t0x00030086$/m);
    expect(text).toContain("Hardware watchpoint 2: *(int *)&counter\n\nOld value = 0\nNew value = 11\nADDR in bump ()\n");
    expect(transcript).toContain("[Inferior 1 (process 1) exited normally]");
    expect([result.ending, result.value]).toEqual(["returned", 22]);
  });

  itPeers(["gdb", "objdump"], "stepi into a call, nexti over it", async () => {
    // The first call in debugee's code (to depth), found by objdump in our ELF.
    spawnSync(process.execPath, [join(root, "bin/mkimg"), "disasm", image, "debugee", "--elf", elf]);
    const listing = execFileSync("objdump", ["-d", elf], { encoding: "utf8" });
    // objdump names our functions, stubs and IR blocks.
    expect(listing).toMatch(/^00030000 <square\.stub>:$/m);
    expect(listing).toMatch(/^[0-9a-f]{8} <square>:$/m);
    expect(listing).toMatch(/^[0-9a-f]{8} <\.Ldepth\.\d+>:$/m);
    expect(listing).toMatch(/call +\*0x[0-9a-f]+$/m);
    const body = listing.slice(listing.indexOf("<debugee>:"));
    const call = /^ +([0-9a-f]+):\t(?:[0-9a-f]{2} )+\s*\tcall/m.exec(body)![1];
    const { transcript, result } = await ourSession(image, elf, 0, [
      `break *0x${call}`, "continue", "stepi", "bt", "info registers eip", "delete", `break *0x${call}`,
      "stepi", "stepi", "finish", "kill",
    ]);
    expect(frames(transcript)).toEqual(["depth", "debugee"]);
    expect(transcript).toMatch(/^eip +0x[0-9a-f]+ +0x[0-9a-f]+ <depth>$/m);
    // Two stepi in depth's prologue, then finish: back in debugee, after the call.
    expect(shape(transcript)).toContain("Breakpoint 2 at ADDR\nADDR in depth ()\nADDR in depth ()\nADDR in debugee ()\n");
    expect(transcript).toContain("[Inferior 1 (process 1) killed]");
    expect(result.ending).toBe("killed");
    const next = await ourSession(image, elf, 0, [`break *0x${call}`, "continue", "nexti", "bt", "info registers eax", "kill"]);
    expect(frames(next.transcript)).toEqual(["debugee"]);
    expect(next.transcript).toMatch(/^eax {12}0xb {17}11$/m); // depth(2) returned 11
  });

  itPeers(["gdb"], "a bad pointer stops with SIGSEGV at the faulting instruction; continuing ends the run", async () => {
    const { transcript, result } = await ourSession(image, elf, 1, ["continue", "bt", "x/i $pc", "continue"]);
    expect(shape(transcript)).toContain(
      "Program received signal SIGSEGV, Segmentation fault.\nADDR in debugee ()\n#0  ADDR in debugee ()\n",
    );
    expect(transcript).toMatch(/=> 0x[0-9a-f]+ <debugee\+\d+>:\tmov +\(%esi\),%eax/);
    expect(transcript).toContain("Program terminated with signal SIGSEGV, Segmentation fault.");
    expect(result.ending).toBe("panic");
    expect(result.panic?.message).toBe("page fault reading 0x00000010 (null pointer)");
  });

  itPeers(["gdb"], "a division by zero stops with SIGFPE", async () => {
    const { transcript, result } = await ourSession(image, elf, 2, ["continue", "kill"]);
    expect(transcript).toContain("Program received signal SIGFPE, Arithmetic exception.");
    expect(result.ending).toBe("panic");
  });

  itPeers(["gdb"], "detach lets the module run to its end", async () => {
    const { transcript, result } = await ourSession(image, elf, 0, ["break bump", "continue", "detach"]);
    expect(transcript).toContain("Breakpoint 1, ");
    expect(transcript).toContain("[Inferior 1 (process 1) detached]");
    expect([result.ending, result.value]).toEqual(["returned", 22]);
  });

  itPeers(["gdb", "qemu-i386", "llc-14", I386_REFERENCE], "same shape as qemu-i386's gdbstub on the native build", async () => {
    const program = buildNative(bitcode, "debugee");
    const commands = ["break square", "continue", "bt", "info registers", "continue"];
    const ours = await ourSession(image, elf, 0, commands);
    const theirs = await qemuSession(program, ["0"], commands);
    const stops = (text: string) => [...text.matchAll(/^(Breakpoint \d+, 0x[0-9a-f]+ in \S+ \(\)|\[Inferior 1 .*\])$/gm)].map((m) => m[1].replace(/0x[0-9a-f]+/, "ADDR"));
    expect(stops(ours.transcript)).toEqual(stops(theirs));
    const moduleFrames = (text: string) => frames(text).filter((name) => name !== "main");
    expect(moduleFrames(ours.transcript)).toEqual(moduleFrames(theirs));
    expect(registerNames(theirs).slice(0, 16)).toEqual(registerNames(ours.transcript));
    const faultCommands = ["continue", "bt", "continue"];
    const oursFault = await ourSession(image, elf, 1, faultCommands);
    const theirsFault = await qemuSession(program, ["1"], faultCommands);
    const signals = (text: string) => [...text.matchAll(/^Program (received|terminated with) signal (\w+)/gm)].map((m) => m[0]);
    expect(signals(oursFault.transcript)).toEqual(signals(theirsFault));
    expect(moduleFrames(oursFault.transcript)).toEqual(moduleFrames(theirsFault));
  });
});

describePeers(["clang-14"], "the gdb server's connection", () => {
  /** Starts a session on port 0 and hands the port to `client`; the run's result. */
  async function withClient(client: (port: number) => Promise<void>) {
    let done: Promise<void> | undefined;
    const result = await debugModule({
      image, module: "debugee", args: [0], gdb: { host: "127.0.0.1", port: 0 },
      onListening: (_host, port) => {
        done = client(port);
      },
    });
    await done;
    return result;
  }

  function talk(port: number, chunks: Uint8Array[], pauseMs = 20): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let received = "";
      const timer = setTimeout(() => socket.destroy(), 10_000);
      socket.on("data", (data) => (received += data.toString("latin1")));
      socket.on("connect", async () => {
        for (const chunk of chunks) {
          socket.write(chunk);
          await new Promise((wait) => setTimeout(wait, pauseMs));
        }
        socket.destroy(); // the dropped connection must end the run
      });
      socket.on("close", () => {
        clearTimeout(timer);
        resolve(received);
      });
    });
  }

  itPeers(["clang-14"], "answers, survives bad checksums and junk, and ends the run when the connection drops", async () => {
    let received = "";
    const result = await withClient(async (port) => {
      received = await talk(port, [
        Buffer.from("$g#00"), Buffer.from("\x00\xff}#$$"), encodePacket("m0,4"), encodePacket("m30000,1"),
        encodePacket("Z0,zz,1"), encodePacket("qSupported:multiprocess+"), Buffer.from("$?#3"),
      ]);
    });
    expect(received).toContain("-");
    expect(received).toContain("$E14#aa"); // m0,4: the null page is not mapped
    expect(received).toContain("$E22#a9"); // Z0 with a bad address
    expect(received).toMatch(/\$PacketSize=4000;multiprocess\+;qXfer:features:read\+/);
    expect(result.ending).toBe("killed");
  });

  itPeers(["clang-14"], "an interrupt (0x03) stops a running continue with SIGINT", async () => {
    let received = "";
    let done: Promise<void> | undefined;
    const result = await debugModule({
      image, module: "debugee", args: [3], gdb: { host: "127.0.0.1", port: 0 },
      onListening: (_host, port) => {
        done = talk(port, [encodePacket("c"), Buffer.from("+"), Buffer.from([3]), encodePacket("vKill;1")], 300).then((text) => {
          received = text;
        });
      },
    });
    await done;
    expect(received).toBe(`+${encodePacket("T02thread:p1.1;").toString("latin1")}+$OK#9a`);
    expect(result.ending).toBe("killed");
  });

  itPeers(["clang-14"], "fuzz: random bytes on the socket never crash the server; the run ends", async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
    for (let round = 0; round < 5; round++) {
      const chunks = Array.from({ length: 20 }, () => Uint8Array.from({ length: 64 }, () => {
        const pick = random();
        return pick < 0.1 ? 0x24 : pick < 0.15 ? 0x23 : Math.floor(random() * 256);
      }));
      // Should a resume packet come out of the junk, the run goes on and ends normally.
      const result = await withClient(async (port) => {
        await talk(port, chunks);
      });
      expect(["killed", "returned"]).toContain(result.ending);
    }
  });

  itPeers(["clang-14"], "bad --gdb and --elf arguments are one line and exit status 2", () => {
    const mkimg = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin/mkimg"), ...args], { encoding: "utf8", timeout: 30_000 });
    const badPort = mkimg("run", image, "debugee", "--gdb", "localhost:70000");
    expect([badPort.stderr, badPort.status]).toEqual(["mkimg: --gdb localhost:70000: expected [HOST:]PORT with a port from 0 to 65535\n", 2]);
    const badElf = mkimg("disasm", image, "debugee", "--elf", join(folder, "missing/out.elf"));
    expect([badElf.stderr, badElf.status]).toEqual([`mkimg: ${join(folder, "missing/out.elf")}: cannot write: ENOENT\n`, 2]);
  });

  itPeers(["clang-14"], "a port in use is one line and exit status 2", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const run = spawnSync(process.execPath, [join(root, "bin/mkimg"), "run", image, "debugee", "--gdb", String(port)], { encoding: "utf8", timeout: 30_000 });
      expect(run.stderr).toBe(`mkimg: --gdb 127.0.0.1:${port}: cannot listen: the port is in use\n`);
      expect(run.status).toBe(2);
    } finally {
      blocker.close();
    }
  });
});
