// The machine IR passes on their own: the peephole (table of input -> output listings), the
// tier-0 allocator's assign and rewrite stages, the MIR check over every module, and the dump
// of one small function after each pass.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import { compileModule } from "../../src/jit/module.js";
import { MirBuilder } from "../../src/jit/mir/builder.js";
import { peephole } from "../../src/jit/mir/peephole.js";
import { formatCode } from "../../src/jit/mir/print.js";
import { VReg } from "../../src/jit/mir/mir.js";
import { verify } from "../../src/jit/mir/verify.js";
import { allocateRegisters } from "../../src/jit/regalloc/allocate.js";
import { Cond, Reg } from "../../src/jit/x86/registers.js";
import { mem } from "../../src/jit/x86/operands.js";

const root = new URL("../../", import.meta.url).pathname;
const slotA = mem(Reg.ebp, -16);
const slotB = mem(Reg.ebp, -20);
const target = { allocateCode: () => 0x00400000, allocateData: () => 0x00800000, resolveExternal: () => 0xffff0000 };

type PeepholeCase = [string, (b: MirBuilder) => void, string];

const peepholeCases: PeepholeCase[] = [
  ["reload into the stored register: dropped", (b) => { b.mov(32, slotA, Reg.eax); b.mov(32, Reg.eax, slotA); }, "  mov [ebp-16], eax"],
  ["reload into another register: a copy", (b) => { b.mov(32, slotA, Reg.eax); b.mov(32, Reg.ecx, slotA); }, "  mov [ebp-16], eax\n  mov ecx, eax"],
  ["a label between: kept", (b) => { b.mov(32, slotA, Reg.eax); b.bind(b.newLabel()); b.mov(32, Reg.eax, slotA); }, "  mov [ebp-16], eax\nL0:\n  mov eax, [ebp-16]"],
  ["another address: kept", (b) => { b.mov(32, slotA, Reg.eax); b.mov(32, Reg.eax, slotB); }, "  mov [ebp-16], eax\n  mov eax, [ebp-20]"],
  ["8-bit store: kept", (b) => { b.mov(8, slotA, Reg.eax); b.mov(32, Reg.eax, slotA); }, "  mov.8 [ebp-16], al\n  mov eax, [ebp-16]"],
  ["relocated address: kept", (b) => { b.mov(32, { disp: 0, symbol: { pool: "data", offset: 8 } }, Reg.eax); b.mov(32, Reg.eax, { disp: 0, symbol: { pool: "data", offset: 8 } }); },
    "  mov [data+8], eax\n  mov eax, [data+8]"],
  ["held-back store reloaded: both gone", (b) => { b.mov(32, slotA, Reg.eax, true); b.mov(32, Reg.eax, slotA); b.ret(); }, "  ret"],
  ["held-back store reloaded elsewhere: a copy", (b) => { b.mov(32, slotA, Reg.eax, true); b.mov(32, Reg.ecx, slotA); }, "  mov ecx, eax"],
  ["held-back store not reloaded: stays", (b) => { b.mov(32, slotA, Reg.eax, true); b.jcc(Cond.e, b.newLabel()); }, "  mov [ebp-16], eax elidable\n  je L0"],
  ["held-back store last: stays", (b) => { b.mov(32, slotA, Reg.eax, true); }, "  mov [ebp-16], eax elidable"],
  ["after a dropped pair, the store before is still adjacent",
    (b) => { b.mov(32, slotA, Reg.eax); b.mov(32, slotB, Reg.edx, true); b.mov(32, Reg.edx, slotB); b.mov(32, Reg.ecx, slotA); },
    "  mov [ebp-16], eax\n  mov ecx, eax"],
];

describe("MIR peephole", () => {
  it.each(peepholeCases)("%s", (_name, build, expected) => {
    const builder = new MirBuilder();
    build(builder);
    expect(formatCode(peephole(builder.code))).toBe(expected);
  });
});

describe("register allocation, tier 0 (slots)", () => {
  it("puts every virtual register in its home slot", () => {
    const builder = new MirBuilder();
    builder.mov(32, Reg.eax, new VReg(0));
    builder.alu("add", 32, Reg.eax, new VReg(1));
    builder.mov(32, new VReg(2), Reg.eax, true);
    builder.shift("shl", 32, new VReg(2), "cl");
    expect(formatCode(builder.code)).toBe("  mov eax, v0\n  add eax, v1\n  mov v2, eax elidable\n  shl v2, cl");
    const code = allocateRegisters(builder.code, { homes: [8, 12, -16] }, "slots");
    verify(code, "regalloc", "test", true);
    expect(formatCode(code)).toBe("  mov eax, [ebp+8]\n  add eax, [ebp+12]\n  mov [ebp-16], eax elidable\n  shl [ebp-16], cl");
  });

  it("the check refuses what x86 cannot encode", () => {
    const builder = new MirBuilder();
    builder.mov(32, new VReg(0), new VReg(1));
    const code = allocateRegisters(builder.code, { homes: [-4, -8] }, "slots");
    expect(() => verify(code, "regalloc", "f", true)).toThrow('MIR check after regalloc, function "f", instruction 0 (mov [ebp-4], [ebp-8]): two memory operands');
    const left = new MirBuilder();
    left.mov(32, new VReg(0), Reg.eax);
    expect(() => verify(left.code, "peephole", "f", true)).toThrow("virtual register after allocation");
  });
});

describe("MIR between passes", () => {
  it("passes the check after every pass, for every module", () => {
    for (const folder of ["modules/bc", "modules/bc19"]) {
      for (const file of readdirSync(join(root, folder)).filter((name) => name.endsWith(".bc"))) {
        const module = readBitcode(readFileSync(join(root, folder, file)), { file });
        expect(() => compileModule(module, target, { file, check: true })).not.toThrow();
      }
    }
  });

  it("dumps a function after each pass", () => {
    const file = "modules/bc/fib.O2.bc";
    const dumps: string[] = [];
    compileModule(readBitcode(readFileSync(join(root, file)), { file }), target, {
      file, dump: (fn, pass, text) => { if (fn === "fib") dumps.push(`${pass}:\n${text}`); },
    });
    const listing = (pass: string, afterCall: string, afterSelect: string): string => `${pass}:\n  push ebp\n  mov ebp, esp\n  push ebx\n` +
      `  push esi\n  push edi\n  sub esp, 20\nL0:\n  push 20\n  call [data+4]\n  add esp, 4\n${afterCall}` +
      `  cmp eax, 6765\n  mov eax, -1\n  jne L1 short\n  mov eax, 6765\nL1:\n${afterSelect}` +
      "  lea esp, [ebp-12]\n  pop edi\n  pop esi\n  pop ebx\n  pop ebp\n  ret";
    expect(dumps).toEqual([
      listing("lower", "  mov v0, eax elidable\n  mov eax, v0\n", "  mov v1, eax elidable\n  mov eax, v1\n"),
      listing("regalloc", "  mov [ebp-16], eax elidable\n  mov eax, [ebp-16]\n", "  mov [ebp-24], eax elidable\n  mov eax, [ebp-24]\n"),
      listing("peephole", "", ""),
    ]);
  });
});
