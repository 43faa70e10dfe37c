/**
 * Instruction table, beyond issue 4's list but implemented by the emulator and emitted by
 * compilers now and then: LOCK-prefixed read-modify-write forms, the flag instructions (clc, stc,
 * cmc, cld, std, lahf, sahf), xlatb, pushad/popad, loop/loope/loopne/jecxz, and popcnt, tzcnt,
 * lzcnt (SDM: tzcnt/lzcnt leave OF, SF, AF, PF undefined).
 */
import { CaseBuilder, EAX, EBX, ECX, ESP, registerOperand } from "./builder.js";
import { AF, LOGIC_UNDEFINED, OF, PF, SF } from "./flags.js";
import type { OperandSize } from "./random.js";
import { allSizes, type Variant } from "./table-data.js";

function variant(mnemonic: string, name: string, build: (b: CaseBuilder) => void): Variant {
  return { mnemonic, name, build };
}

function lockedVariants(): Variant[] {
  const arithmetic = ["add", "adc", "sub", "sbb", "and", "or", "xor"].flatMap((mnemonic) =>
    allSizes.map((s) =>
      variant(mnemonic, `lock ${mnemonic} m,r ${s}`, (b) => {
        const offset = b.dataOffset(s);
        b.poke(offset, s, b.random.value(s));
        const memory = b.memoryOperand(s, offset);
        const source = b.register(s);
        b.set(source, b.random.value(s));
        if (["and", "or", "xor"].includes(mnemonic)) b.undefinedFlags |= LOGIC_UNDEFINED;
        b.emit(`lock ${mnemonic} ${memory}, ${b.random.bool() ? source.name : b.random.value(s)}`);
      }),
    ),
  );
  const other = ["inc", "dec", "neg", "not", "xadd", "cmpxchg", "xchg", "bts", "btr", "btc"].flatMap((mnemonic) =>
    (mnemonic.startsWith("bt") ? [16, 32] as OperandSize[] : allSizes).map((s) =>
      variant(mnemonic, `lock ${mnemonic} m ${s}`, (b) => {
        if (mnemonic === "cmpxchg") b.set(registerOperand(s, EAX), b.random.value(s));
        b.reserve(EAX);
        const offset = mnemonic.startsWith("bt") ? 32 : b.dataOffset(s);
        b.poke(offset, s, b.random.value(s));
        const memory = b.memoryOperand(s, offset);
        if (mnemonic.startsWith("bt")) b.undefinedFlags |= OF | SF | AF | PF;
        if (["inc", "dec", "neg", "not"].includes(mnemonic)) {
          b.emit(`lock ${mnemonic} ${memory}`);
          return;
        }
        const source = b.register(s, { exclude: mnemonic === "cmpxchg" ? [EAX] : [] });
        b.set(source, mnemonic.startsWith("bt") ? b.random.int(0, 255) : b.random.value(s));
        b.emit(`lock ${mnemonic} ${memory}, ${source.name}`);
      }),
    ),
  );
  return [...arithmetic, ...other];
}

function flagAndMiscellaneous(): Variant[] {
  const simple = ["clc", "stc", "cmc", "cld", "std", "lahf", "sahf"].map((mnemonic) => variant(mnemonic, mnemonic, (b) => b.emit(mnemonic)));
  return [
    ...simple,
    variant("xlatb", "xlatb", (b) => {
      b.setAddress(EBX, "scratch", b.random.int(0, 64));
      b.set(registerOperand(8, EAX), b.random.int(0, 63));
      b.emit("xlatb");
    }),
    variant("pushad", "pushad", (b) => {
      b.reserve(ESP);
      b.emit("pushad");
    }),
    variant("popad", "popad", (b) => {
      b.reserve(ESP);
      b.emit("popad");
    }),
    ...["loop", "loope", "loopne", "jecxz"].map((mnemonic) =>
      variant(mnemonic, `${mnemonic} rel8`, (b) => {
        b.registers[ECX] = b.random.pick([0, 1, 2, 0xffffffff, b.random.next32()]);
        b.reserve(ECX);
        const target = b.label();
        const marker = b.register(32, { exclude: [ECX] }).name;
        b.emit(`${mnemonic} ${target}`, `lea ${marker}, [${marker}+1]`, `${target}:`);
      }),
    ),
  ];
}

function bitCounts(): Variant[] {
  return ["popcnt", "tzcnt", "lzcnt"].flatMap((mnemonic) =>
    ([16, 32] as OperandSize[]).map((s) =>
      variant(mnemonic, `${mnemonic} r,rm ${s}`, (b) => {
        const source = b.registerOrMemory(s, b.random.bool(0.2) ? 0 : b.random.value(s));
        const destination = b.register(s);
        if (mnemonic !== "popcnt") b.undefinedFlags |= OF | SF | AF | PF;
        b.emit(`${mnemonic} ${destination.name}, ${source.text}`);
      }),
    ),
  );
}

export const extraVariants: Variant[] = [...lockedVariants(), ...flagAndMiscellaneous(), ...bitCounts()];
