// Encoder triples: (what we asked for, the bytes we must emit, iced-x86's Intel disassembly of
// those bytes). The expected bytes follow the Intel SDM; iced-x86 checks that they mean the
// instruction we intended, including the modrm/sib edge cases.
import { describe, expect, it } from "vitest";
import { Assembler } from "../../src/jit/x86/encoder.js";
import { Cond, Reg } from "../../src/jit/x86/registers.js";
import { mem } from "../../src/jit/x86/operands.js";
import { disassemble, hex } from "../../src/jit/disassemble.js";

type Case = [string, (a: Assembler) => void, string, string];

const cases: Case[] = [
  ["mov r,r", (a) => a.mov(32, Reg.eax, Reg.ebx), "89 d8", "mov eax,ebx"],
  ["mov r,imm", (a) => a.mov(32, Reg.ecx, { value: 0x12345678 }), "b9 78 56 34 12", "mov ecx,12345678h"],
  ["mov [esp],r needs sib", (a) => a.mov(32, mem(Reg.esp), Reg.eax), "89 04 24", "mov [esp],eax"],
  ["mov [esp+8],r", (a) => a.mov(32, mem(Reg.esp, 8), Reg.edx), "89 54 24 08", "mov [esp+8],edx"],
  ["mov r,[ebp] needs disp8 0", (a) => a.mov(32, Reg.eax, mem(Reg.ebp)), "8b 45 00", "mov eax,[ebp]"],
  ["disp8 127", (a) => a.mov(32, Reg.eax, mem(Reg.ebp, 127)), "8b 45 7f", "mov eax,[ebp+7Fh]"],
  ["disp8 -128", (a) => a.mov(32, Reg.eax, mem(Reg.ebp, -128)), "8b 45 80", "mov eax,[ebp-80h]"],
  ["disp32 128", (a) => a.mov(32, Reg.eax, mem(Reg.ebp, 128)), "8b 85 80 00 00 00", "mov eax,[ebp+80h]"],
  ["disp32 -129", (a) => a.mov(32, Reg.eax, mem(Reg.ebp, -129)), "8b 85 7f ff ff ff", "mov eax,[ebp-81h]"],
  ["absolute", (a) => a.mov(32, Reg.eax, mem(undefined, 0x1000)), "8b 05 00 10 00 00", "mov eax,[1000h]"],
  ["[eax] no disp", (a) => a.mov(32, Reg.ecx, mem(Reg.eax)), "8b 08", "mov ecx,[eax]"],
  ["sib base+index*4", (a) => a.mov(32, Reg.eax, mem(Reg.esi, 0, Reg.edi, 4)), "8b 04 be", "mov eax,[esi+edi*4]"],
  ["sib ebp base+index", (a) => a.lea(Reg.eax, mem(Reg.ebp, 0, Reg.ecx, 2)), "8d 44 4d 00", "lea eax,[ebp+ecx*2]"],
  ["sib no base", (a) => a.lea(Reg.eax, mem(undefined, 16, Reg.ecx, 8)), "8d 04 cd 10 00 00 00", "lea eax,[ecx*8+10h]"],
  ["esp base with index", (a) => a.mov(32, Reg.eax, mem(Reg.esp, 4, Reg.ebx, 1)), "8b 44 1c 04", "mov eax,[esp+ebx+4]"],
  ["add imm8 127", (a) => a.alu("add", 32, Reg.eax, { value: 127 }), "83 c0 7f", "add eax,7Fh"],
  ["add imm8 -128", (a) => a.alu("add", 32, Reg.eax, { value: -128 }), "83 c0 80", "add eax,0FFFFFF80h"],
  ["add imm32 128", (a) => a.alu("add", 32, Reg.eax, { value: 128 }), "81 c0 80 00 00 00", "add eax,80h"],
  ["sub mem,imm", (a) => a.alu("sub", 32, mem(Reg.ebp, -8), { value: 1 }), "83 6d f8 01", "sub dword ptr [ebp-8],1"],
  ["cmp r,mem", (a) => a.alu("cmp", 32, Reg.edx, mem(Reg.ebp, 12)), "3b 55 0c", "cmp edx,[ebp+0Ch]"],
  ["xor r,r", (a) => a.alu("xor", 32, Reg.eax, Reg.eax), "31 c0", "xor eax,eax"],
  ["adc", (a) => a.alu("adc", 32, Reg.edx, Reg.ecx), "11 ca", "adc edx,ecx"],
  ["sbb", (a) => a.alu("sbb", 32, Reg.edx, mem(Reg.ebp, -4)), "1b 55 fc", "sbb edx,[ebp-4]"],
  ["and 8-bit imm", (a) => a.alu("and", 8, Reg.eax, { value: 1 }), "80 e0 01", "and al,1"],
  ["mov 8-bit store", (a) => a.mov(8, mem(Reg.ecx), Reg.ebx), "88 19", "mov [ecx],bl"],
  ["mov 8-bit imm", (a) => a.mov(8, mem(Reg.ebp, -1), { value: 200 }), "c6 45 ff c8", "mov byte ptr [ebp-1],0C8h"],
  ["mov 16-bit store", (a) => a.mov(16, mem(Reg.ecx, 2), Reg.edx), "66 89 51 02", "mov [ecx+2],dx"],
  ["mov 16-bit imm", (a) => a.mov(16, mem(Reg.eax), { value: 0x1234 }), "66 c7 00 34 12", "mov word ptr [eax],1234h"],
  ["movzx 8", (a) => a.extend(false, Reg.eax, 8, Reg.ecx), "0f b6 c1", "movzx eax,cl"],
  ["movsx 16 mem", (a) => a.extend(true, Reg.edx, 16, mem(Reg.ebp, -6)), "0f bf 55 fa", "movsx edx,word ptr [ebp-6]"],
  ["imul r,r", (a) => a.imul(Reg.eax, Reg.ecx), "0f af c1", "imul eax,ecx"],
  ["imul r,r,imm8", (a) => a.imul(Reg.eax, Reg.ecx, 10), "6b c1 0a", "imul eax,ecx,0Ah"],
  ["imul r,r,imm32", (a) => a.imul(Reg.eax, Reg.eax, 1000), "69 c0 e8 03 00 00", "imul eax,3E8h"],
  ["shl cl", (a) => a.shift("shl", 32, Reg.eax, "cl"), "d3 e0", "shl eax,cl"],
  ["sar imm", (a) => a.shift("sar", 32, Reg.edx, 31), "c1 fa 1f", "sar edx,1Fh"],
  ["shr 1", (a) => a.shift("shr", 32, Reg.eax, 1), "d1 e8", "shr eax,1"],
  ["rol 16", (a) => a.shift("rol", 16, Reg.eax, 8), "66 c1 c0 08", "rol ax,8"],
  ["shld", (a) => a.doubleShift(true, Reg.edx, Reg.eax, "cl"), "0f a5 c2", "shld edx,eax,cl"],
  ["shrd imm", (a) => a.doubleShift(false, Reg.eax, Reg.edx, 5), "0f ac d0 05", "shrd eax,edx,5"],
  ["neg", (a) => a.unary("neg", 32, Reg.eax), "f7 d8", "neg eax"],
  ["not mem", (a) => a.unary("not", 32, mem(Reg.ebp, -4)), "f7 55 fc", "not dword ptr [ebp-4]"],
  ["div", (a) => a.unary("div", 32, Reg.ecx), "f7 f1", "div ecx"],
  ["idiv", (a) => a.unary("idiv", 32, Reg.ecx), "f7 f9", "idiv ecx"],
  ["mul mem", (a) => a.unary("mul", 32, mem(Reg.ebp, 8)), "f7 65 08", "mul dword ptr [ebp+8]"],
  ["test r,r", (a) => a.test(32, Reg.eax, Reg.eax), "85 c0", "test eax,eax"],
  ["test al,1", (a) => a.test(8, Reg.eax, { value: 1 }), "f6 c0 01", "test al,1"],
  ["sete", (a) => a.setcc(Cond.e, Reg.eax), "0f 94 c0", "sete al"],
  ["setl", (a) => a.setcc(Cond.l, Reg.ecx), "0f 9c c1", "setl cl"],
  ["bswap", (a) => a.bswap(Reg.esi), "0f ce", "bswap esi"],
  ["bsr", (a) => a.bitScan(false, Reg.eax, Reg.ecx), "0f bd c1", "bsr eax,ecx"],
  ["push r", (a) => a.push(Reg.ebp), "55", "push ebp"],
  ["push imm8", (a) => a.push({ value: -1 }), "6a ff", "push 0FFFFFFFFh"],
  ["push imm32", (a) => a.push({ value: 300 }), "68 2c 01 00 00", "push 12Ch"],
  ["push mem", (a) => a.push(mem(Reg.ebp, 8)), "ff 75 08", "push dword ptr [ebp+8]"],
  ["pop", (a) => a.pop(Reg.edi), "5f", "pop edi"],
  ["call mem (slot)", (a) => a.call(mem(undefined, 0x2000)), "ff 15 00 20 00 00", "call dword ptr [2000h]"],
  ["call reg", (a) => a.call(Reg.eax), "ff d0", "call eax"],
  ["jmp table", (a) => a.jmpIndirect(mem(undefined, 0x3000, Reg.eax, 4)), "ff 24 85 00 30 00 00", "jmp dword ptr [eax*4+3000h]"],
  ["ret 4", (a) => a.ret(4), "c2 04 00", "ret 4"],
  ["cdq, ud2", (a) => { a.cdq(); a.ud2(); }, "99 0f 0b", "cdq|ud2"],
  ["rep movsb, rep stosb", (a) => { a.repMovsb(); a.repStosb(); }, "f3 a4 f3 aa", "rep movsb [edi],[esi]|rep stosb [edi]"],
  ["jmp back short", (a) => { const l = a.newLabel(); a.bind(l); a.nop(); a.jmp(l); }, "90 eb fd", "nop|jmp short 0"],
  ["jcc forward near", (a) => { const l = a.newLabel(); a.jcc(Cond.ne, l); a.bind(l); }, "0f 85 00 00 00 00", "jne 6"],
  ["jcc forward short", (a) => { const l = a.newLabel(); a.jcc(Cond.b, l, true); a.nop(); a.bind(l); }, "72 01 90", "jb short 3|nop"],
];

describe("x86 encoder triples (checked by iced-x86)", () => {
  it.each(cases)("%s", (_name, build, bytes, text) => {
    const assembler = new Assembler();
    build(assembler);
    const code = assembler.result();
    expect(hex(code)).toBe(bytes);
    expect(disassemble(code, 0).map((line) => line.text).join("|")).toBe(text);
  });

  it("refuses the non-existent 8-bit forms of esi/edi/ebp/esp", () => {
    const assembler = new Assembler();
    expect(() => assembler.mov(8, mem(Reg.eax), Reg.esi)).toThrow("no 8-bit form");
    expect(() => assembler.setcc(Cond.e, Reg.edi)).toThrow("no 8-bit form");
  });

  it("records a relocation for a symbol displacement", () => {
    const assembler = new Assembler();
    assembler.call({ disp: 8, symbol: { pool: "data", offset: 16 } });
    expect(assembler.relocations).toEqual([{ at: 2, symbol: { pool: "data", offset: 16 } }]);
    expect(hex(assembler.result())).toBe("ff 15 08 00 00 00");
  });
});
