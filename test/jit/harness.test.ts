// The native harness's own checks must be able to fail: code that clobbers a callee-saved
// register or leaves esp moved is reported, code that behaves is not (ground truth: the CPU).
import { expect, it } from "vitest";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";
import { Assembler } from "../../src/jit/x86/encoder.js";
import { Reg } from "../../src/jit/x86/registers.js";
import { CODE_BASE, runSegmentsNative } from "./helpers/jit-native.js";

function code(build: (asm: Assembler) => void): { address: number; bytes: Uint8Array }[] {
  const asm = new Assembler();
  build(asm);
  return [{ address: CODE_BASE, bytes: asm.result() }];
}

describePeers([I386_REFERENCE, "gcc"], `native JIT harness${referenceLabel()}`, () => {
  itPeers(["gcc"], "returns what well-behaved code returns, with its arguments", async () => {
    const segments = code((asm) => {
      asm.mov(32, Reg.eax, { base: Reg.esp, disp: 4 });
      asm.alu("add", 32, Reg.eax, { base: Reg.esp, disp: 8 });
      asm.ret();
    });
    await expect(runSegmentsNative(segments, CODE_BASE, [40, 2])).resolves.toEqual({ stdout: "", returned: 42, ending: "returned" });
  });

  it.each([
    ["ebx", Reg.ebx], ["esi", Reg.esi], ["edi", Reg.edi],
  ] as const)("reports a clobbered %s", async (_name, reg) => {
    const segments = code((asm) => {
      asm.mov(32, reg, { value: 0 });
      asm.ret();
    });
    await expect(runSegmentsNative(segments, CODE_BASE, [])).rejects.toThrow("callee-saved registers clobbered");
  });

  itPeers(["gcc"], "reports esp left moved (a callee that pops like ret 4 where it must not)", async () => {
    await expect(runSegmentsNative(code((asm) => asm.ret(4)), CODE_BASE, [])).rejects.toThrow("callee-saved registers clobbered");
  });
});
