/**
 * Instruction table, control flow and stack: jcc (rel8 and rel32), jmp and call (relative, through
 * a register, through memory), ret and ret imm16, push and pop in every form (including the ESP
 * corner cases the SDM spells out), pushfd, popfd, enter (nesting levels) and leave. A branch that
 * is not taken runs `lea r, [r+1]`, so the register dump shows which way it went.
 */
import { CaseBuilder, DATA_SIZE, EBP, ESP, PAGE_SPLIT, STACK_TOP } from "./builder.js";
import { COMPARED_FLAGS } from "./flags.js";
import { conditions, type Variant } from "./table-data.js";

function variant(mnemonic: string, name: string, build: (b: CaseBuilder) => void): Variant {
  return { mnemonic, name, build };
}

/** A register whose increment marks "this path ran". */
function marker(b: CaseBuilder): string {
  return b.register(32).name;
}

function jumps(): Variant[] {
  const conditional = conditions.flatMap((condition) =>
    ["rel8", "rel32"].map((form) =>
      variant("jcc", `j${condition} ${form}`, (b) => {
        const target = b.label();
        const register = marker(b);
        b.emit(`${form === "rel32" ? "{disp32} " : ""}j${condition} ${target}`, `lea ${register}, [${register}+1]`, `${target}:`);
      }),
    ),
  );
  const through = (b: CaseBuilder, target: string, form: string): string => {
    if (form === "rel8") return target;
    if (form === "r32") {
      const register = b.register(32);
      b.registers[register.number] = { symbol: target, addend: 0 };
      return register.name;
    }
    const offset = b.dataOffset(32);
    b.poke(offset, 32, { symbol: target, addend: 0 });
    return b.memoryOperand(32, offset);
  };
  const unconditional = ["rel8", "rel32", "r32", "m32"].map((form) =>
    variant("jmp", `jmp ${form}`, (b) => {
      b.reserve(ESP);
      const target = b.label();
      const register = marker(b);
      b.emit(`${form === "rel32" ? "{disp32} " : ""}jmp ${through(b, target, form === "rel32" ? "rel8" : form)}`, `lea ${register}, [${register}+1]`, `${target}:`);
    }),
  );
  const calls = ["rel32", "r32", "m32"].flatMap((form) =>
    ["ret", "ret imm16"].map((returnForm) =>
      variant("call", `call ${form} + ${returnForm}`, (b) => {
        b.reserve(ESP);
        const [callee, end] = [b.label(), b.label()];
        const [after, inside] = [marker(b), marker(b)];
        const release = returnForm === "ret" ? "ret" : `ret ${b.random.pick([0, 2, 4, 8, 12, 0x1000])}`;
        b.emit(`call ${through(b, callee, form === "rel32" ? "rel8" : form)}`, `lea ${after}, [${after}+1]`, `jmp ${end}`,
          `${callee}:`, `lea ${inside}, [${inside}+3]`, release, `${end}:`);
      }),
    ),
  );
  const returns = ["ret", "ret imm16"].map((form) =>
    variant("ret", form, (b) => {
      b.reserve(ESP);
      const target = b.label();
      b.poke(STACK_TOP, 32, { symbol: target, addend: 0 });
      const register = marker(b);
      b.emit(form === "ret" ? "ret" : `ret ${b.random.pick([0, 4, 6, 16, 0xfffe])}`, `lea ${register}, [${register}+1]`, `${target}:`);
    }),
  );
  const hinted = ["2e", "3e"].map((hint) =>
    variant("jcc", `jcc with branch hint ${hint}`, (b) => {
      const target = b.label();
      const register = marker(b);
      b.emit(`.byte 0x${hint}`, `j${b.random.pick(conditions)} ${target}`, `lea ${register}, [${register}+1]`, `${target}:`);
    }),
  );
  // `repz ret` (f3 c3): what gcc emitted for AMD CPUs for years.
  const repeatReturn = variant("ret", "repz ret", (b) => {
    b.reserve(ESP);
    const target = b.label();
    b.poke(STACK_TOP, 32, { symbol: target, addend: 0 });
    const register = marker(b);
    b.emit(".byte 0xf3, 0xc3", `lea ${register}, [${register}+1]`, `${target}:`);
  });
  return [...conditional, ...unconditional, ...calls, ...returns, ...hinted, repeatReturn];
}

function pushes(): Variant[] {
  const forms: Record<string, (b: CaseBuilder) => string> = {
    r32: (b) => b.register(32).name,
    r16: (b) => b.register(16).name,
    esp: (b) => b.random.pick(["esp", "sp"]),
    m32: (b) => b.memoryOperand(32, b.dataOffset(32)),
    m16: (b) => b.memoryOperand(16, b.dataOffset(16)),
    "m32 esp-based": (b) => `dword ptr [esp+${b.random.int(-8, 7) * 4}]`,
    imm8: (b) => `${b.random.int(-128, 127)}`,
    imm32: (b) => `${b.random.value(32)}`,
  };
  const pushVariants = Object.entries(forms).map(([form, operand]) =>
    variant("push", `push ${form}`, (b) => {
      b.reserve(ESP);
      b.emit(`push ${operand(b)}`);
    }),
  );
  pushVariants.push(variant("push", "push imm16", (b) => b.emit(`pushw ${b.random.value(16)}`)));
  const popForms: Record<string, (b: CaseBuilder) => string> = {
    r32: (b) => b.register(32).name,
    r16: (b) => b.register(16).name,
    esp: (b) => b.random.pick(["esp", "sp"]),
    m32: (b) => b.memoryOperand(32, b.dataOffset(32)),
    m16: (b) => b.memoryOperand(16, b.dataOffset(16)),
    "m32 esp-based": (b) => `dword ptr [esp+${b.random.int(-8, 4) * 4}]`,
  };
  const popVariants = Object.entries(popForms).map(([form, operand]) =>
    variant("pop", `pop ${form}`, (b) => {
      b.reserve(ESP);
      b.emit(`pop ${operand(b)}`);
    }),
  );
  // ESP two bytes above the page boundary inside scratch: each push and pop straddles two pages.
  const straddling = ["push", "pop", "pushfd", "popfd", "call"].map((mnemonic) =>
    variant(mnemonic, `${mnemonic} with the stack word across a page boundary`, (b) => {
      b.reserve(ESP);
      b.setAddress(ESP, "scratch", PAGE_SPLIT + 2);
      if (mnemonic === "popfd") b.poke(PAGE_SPLIT + 2, 32, (b.random.next32() & COMPARED_FLAGS) | 0x2);
      if (mnemonic === "call") {
        const target = b.label();
        b.emit(`call ${target}`, `${target}:`);
      } else b.emit(mnemonic.endsWith("fd") ? mnemonic : `${mnemonic} ${b.register(32).name}`);
    }),
  );
  return [...pushVariants, ...popVariants, ...straddling];
}

function frames(): Variant[] {
  return [
    variant("pushfd", "pushfd", (b) => b.emit("pushfd")),
    variant("popfd", "popfd", (b) => {
      b.poke(STACK_TOP, 32, (b.random.next32() & COMPARED_FLAGS) | 0x2);
      b.emit("popfd");
    }),
    variant("enter", "enter imm16, level", (b) => {
      b.reserve(ESP);
      b.setAddress(EBP, "scratch", b.random.int(5, DATA_SIZE / 4 - 1) * 4);
      // The new ESP stays in mapped memory: CPUs may probe the final stack top (AMD does).
      b.emit(`enter ${b.random.pick([0, 4, 16, 40, 64])}, ${b.random.pick([0, 1, 2, 3, 4, 32, 33])}`);
    }),
    variant("leave", "leave", (b) => {
      b.reserve(ESP);
      b.setAddress(EBP, "scratch", b.random.int(DATA_SIZE / 4, 31) * 4);
      b.emit("leave");
    }),
  ];
}

export const flowVariants: Variant[] = [...jumps(), ...pushes(), ...frames()];
