// Tier 1's register allocation on small hand-written MIR: the live intervals (straight code, a
// loop extending an interval over the back edge), the scan (copy hints coalesced, fixed
// registers and call clobbers honoured, 8-bit operands, spills when registers run out, incoming
// arguments left in their home), and the iced-x86 listing of a whole module at tier 1.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import { compileModule } from "../../src/jit/module.js";
import { disassemble } from "../../src/jit/disassemble.js";
import { MirBuilder } from "../../src/jit/mir/builder.js";
import { VReg } from "../../src/jit/mir/mir.js";
import { formatCode } from "../../src/jit/mir/print.js";
import { peephole } from "../../src/jit/mir/peephole.js";
import { verify } from "../../src/jit/mir/verify.js";
import { allocateRegisters } from "../../src/jit/regalloc/allocate.js";
import { buildIntervals } from "../../src/jit/regalloc/intervals.js";
import { assignLinearScan } from "../../src/jit/regalloc/linear-scan.js";
import { Cond, Reg } from "../../src/jit/x86/registers.js";

const root = new URL("../../", import.meta.url).pathname;
const v = (n: number): VReg => new VReg(n);
const homes = (count: number): number[] => Array.from({ length: count }, (_, index) => -16 - 4 * index);

describe("live intervals", () => {
  it("straight code: from the definition (odd position) to the last use (even)", () => {
    const b = new MirBuilder();
    b.mov(32, v(0), { value: 1 });    // 0
    b.mov(32, Reg.eax, v(0));         // 1
    b.alu("add", 32, Reg.eax, v(0));  // 2
    b.mov(32, v(1), Reg.eax);         // 3
    const { intervals } = buildIntervals(b.code);
    expect(intervals.map((interval) => [interval?.start, interval?.end])).toEqual([[1, 4], [7, 7]]);
  });

  it("a loop: a value defined before it and used in it is live until the back edge", () => {
    const b = new MirBuilder();
    const head = b.newLabel();
    b.mov(32, v(0), { value: 5 });    // 0
    b.mov(32, v(1), { value: 0 });    // 1
    b.bind(head);                     // 2
    b.mov(32, Reg.eax, v(0));         // 3: v0's last textual use
    b.alu("add", 32, v(1), Reg.eax);  // 4
    b.alu("cmp", 32, v(1), { value: 100 }); // 5
    b.jcc(Cond.l, head);              // 6
    b.ret();                          // 7
    const { intervals } = buildIntervals(b.code);
    expect([intervals[0]!.start, intervals[0]!.end]).toEqual([1, 13]);
    expect([intervals[1]!.start, intervals[1]!.end]).toEqual([3, 13]);
  });

  it("a physical register is busy only where lowering uses it", () => {
    const b = new MirBuilder();
    b.mov(32, Reg.ecx, { value: 3 }); // 0
    b.nop();                          // 1
    b.shift("shl", 32, Reg.eax, "cl"); // 2
    b.nop();                          // 3
    const { busy } = buildIntervals(b.code);
    const ecx = busy[Reg.ecx]!;
    expect([1, 2, 3, 4, 5, 6, 7].map((position) => ecx[position + 1]! - ecx[position]!)).toEqual([1, 1, 1, 1, 0, 0, 0]);
  });
});

function allocate(build: (b: MirBuilder) => void, count: number): string {
  const b = new MirBuilder();
  build(b);
  verify(b.code, "lower", "test", false);
  const code = allocateRegisters(b.code, { homes: homes(count) }, "linear-scan");
  verify(code, "regalloc", "test", true);
  return formatCode(peephole(code));
}

describe("linear scan", () => {
  it("coalesces a copy through eax: the value takes eax and both moves go", () => {
    expect(allocate((b) => {
      b.mov(32, Reg.eax, { value: 7 });
      b.mov(32, v(0), Reg.eax);
      b.mov(32, Reg.eax, v(0));
      b.alu("add", 32, Reg.eax, { value: 1 });
      b.ret();
    }, 1)).toBe("  mov eax, 7\n  add eax, 1\n  ret");
  });

  it("a value live across a call is never in eax, ecx or edx", () => {
    const text = allocate((b) => {
      b.mov(32, Reg.eax, { value: 7 });
      b.mov(32, v(0), Reg.eax);
      b.call({ disp: 0x1000 });
      b.alu("add", 32, Reg.eax, v(0));
      b.ret();
    }, 1);
    expect(text).toBe("  mov eax, 7\n  mov ebx, eax\n  call [4096]\n  add eax, ebx\n  ret");
  });

  it("fixed registers: a value live over a variable shift and a division avoids ecx, eax and edx", () => {
    const text = allocate((b) => {
      b.mov(32, v(0), { value: 9 });
      b.mov(32, Reg.ecx, { value: 2 });
      b.mov(32, Reg.eax, { value: 100 });
      b.shift("shl", 32, Reg.eax, "cl");
      b.cdq();
      b.unary("idiv", 32, v(0));
      b.alu("add", 32, Reg.eax, v(0));
      b.ret();
    }, 1);
    expect(text.split("\n")[0]).toBe("  mov ebx, 9");
  });

  it("an 8-bit operand gets al, cl, dl or bl: it takes bl from a longer interval, which is spilled", () => {
    const text = allocate((b) => {
      b.mov(32, Reg.eax, { value: 1 });
      b.mov(32, Reg.edx, { value: 2 });
      b.mov(32, Reg.ecx, { value: 3 });
      b.mov(32, v(0), { value: 4 });
      b.setcc(Cond.e, v(1));
      b.alu("add", 32, Reg.eax, Reg.ecx);
      b.alu("add", 32, Reg.eax, Reg.edx);
      b.extend(false, Reg.ecx, 8, v(1));
      b.alu("add", 32, Reg.eax, v(0));
      b.ret();
    }, 2);
    expect(text).toBe("  mov eax, 1\n  mov edx, 2\n  mov ecx, 3\n  mov [ebp-16], 4\n  sete bl\n  add eax, ecx\n  add eax, edx\n" +
      "  movzx.8 ecx, bl\n  add eax, [ebp-16]\n  ret");
  });

  it("runs out of registers: the interval that ends last stays in its home slot", () => {
    const locations = (() => {
      const b = new MirBuilder();
      for (let index = 0; index < 8; index++) b.mov(32, v(index), { value: index });
      for (let index = 0; index < 8; index++) b.alu("add", 32, Reg.esp, v(index));
      return assignLinearScan(b.code, { homes: homes(8) });
    })();
    const inRegisters = locations.filter((location) => typeof location === "number");
    expect(new Set(inRegisters).size).toBe(6);
    expect(locations.slice(6)).toEqual([{ base: Reg.ebp, disp: -40 }, { base: Reg.ebp, disp: -44 }]);
  });

  it("an incoming argument live on entry stays in its home above ebp", () => {
    const locations = assignLinearScan((() => {
      const b = new MirBuilder();
      b.mov(32, Reg.eax, v(0));
      b.ret();
      return b.code;
    })(), { homes: [8] });
    expect(locations).toEqual([{ base: Reg.ebp, disp: 8 }]);
  });
});

describe("tier 1 code of a module, read back by iced-x86", () => {
  it("fib: callee-saved registers it uses are saved in the prologue and restored", () => {
    const module = readBitcode(readFileSync(`${root}modules/bc/fib.O1.bc`), { file: "fib.O1.bc" });
    const compiled = compileModule(module, { allocateCode: () => 0x400000, allocateData: () => 0x800000, resolveExternal: () => 0xffff0000 },
      { tier: 1, check: true });
    for (const fn of compiled.functions.values()) {
      const bytes = compiled.code[0]!.bytes.subarray(fn.address - 0x400000, fn.address - 0x400000 + fn.size);
      const text = disassemble(bytes, fn.address).map((line) => line.text);
      const written = ["ebx", "esi", "edi"].filter((reg) => text.some((line) => new RegExp(`^(mov|add|sub|lea|imul|pop) ${reg},`).test(line)));
      const saved = ["ebx", "esi", "edi"].filter((reg) => text.includes(`push ${reg}`) && text.includes(`pop ${reg}`));
      for (const reg of written) expect(saved, `${fn.name} writes ${reg}`).toContain(reg);
    }
  });
});
