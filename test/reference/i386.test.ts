/**
 * The i386 reference runner (i386.mjs): it picks the CPU whenever the probe runs there, it runs
 * i386 programs on whichever reference it picked, and it never lets a refused file reach
 * /bin/sh (what execvp and Node's spawn do on ENOEXEC).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describePeers, I386_REFERENCE } from "../helpers/peers.js";
import { i386Invocation, i386Reference, launcher, probeCpu, probeProgram, runI386, runI386Sync } from "./i386.mjs";

describePeers(["gcc", "as", "ld", I386_REFERENCE], "i386 reference runner", () => {
  it("exec-i386 refuses a file the kernel cannot execute, without handing it to /bin/sh", () => {
    const folder = mkdtempSync(join(tmpdir(), "mkimg-reference-"));
    const marker = join(folder, "marker");
    const script = join(folder, "not-a-program");
    writeFileSync(script, `touch ${marker}\n`);
    chmodSync(script, 0o755);
    const result = spawnSync(launcher(), [script], { encoding: "utf8" });
    expect(result.status).toBe(126);
    expect(result.stderr).toBe(`exec-i386: ${script}: Exec format error (errno 8)\n`);
    expect(existsSync(marker)).toBe(false);
    // What exec-i386 is for: Node's spawn runs the same file as a shell script.
    spawnSync(script, [], { stdio: "ignore" });
    expect(existsSync(marker)).toBe(true);
  });

  it("uses the CPU whenever the probe runs there, unless told otherwise", () => {
    const reference = i386Reference();
    console.log(`i386 reference: ${reference.kind} (${reference.reason})`);
    if (probeCpu().runs && process.env.MKIMG_I386_REFERENCE_REASON !== "chosen by MKIMG_I386_REFERENCE") expect(reference.kind).toBe("cpu");
    if (!probeCpu().runs) expect(reference.kind).toBe("qemu-i386");
  });

  it("runs i386 programs on the reference, never by their own name", async () => {
    const probe = probeProgram();
    const invocation = i386Invocation(probe, ["a"]);
    expect(invocation.command).not.toBe(probe);
    expect(invocation.command).toBe(i386Reference().kind === "cpu" ? launcher() : "qemu-i386");
    expect(runI386Sync(probe).status).toBe(42);
    expect(await runI386(probe)).toMatchObject({ status: 42, signal: null, timedOut: false });
  });
});
