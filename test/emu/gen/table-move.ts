/**
 * Instruction table, moves: mov (all forms, including the moffs ones), movzx, movsx, lea, xchg,
 * xadd, cmpxchg, bswap, setcc, cmovcc and the multi-byte nops (as raw bytes: the SDM's recommended
 * sequences and the ones compilers pad with).
 */
import { CaseBuilder, EAX, pointerWord, registerOperand } from "./builder.js";
import { allSizes, conditions, type Variant } from "./table-data.js";
import type { OperandSize } from "./random.js";

function variant(mnemonic: string, name: string, build: (b: CaseBuilder) => void): Variant {
  return { mnemonic, name, build };
}

function moves(): Variant[] {
  return allSizes.flatMap((s) => [
    variant("mov", `mov rm,r ${s}`, (b) => {
      const destination = b.registerOrMemory(s, b.random.value(s), { allowStack: false });
      const source = b.register(s);
      b.set(source, b.random.value(s));
      b.emit(`${destination.register ? "{store} " : ""}mov ${destination.text}, ${source.name}`);
    }),
    variant("mov", `mov r,rm ${s}`, (b) => {
      const source = b.registerOrMemory(s, b.random.value(s));
      const destination = b.register(s);
      b.emit(`${source.register ? "{load} " : ""}mov ${destination.name}, ${source.text}`);
    }),
    variant("mov", `mov rm,imm ${s}`, (b) => {
      const destination = b.registerOrMemory(s, b.random.value(s));
      b.emit(`mov ${destination.text}, ${b.random.value(s)}`);
    }),
    variant("mov", `mov acc,moffs ${s}`, (b) => {
      const offset = b.dataOffset(s);
      b.poke(offset, s, b.random.value(s));
      const memory = `${pointerWord[s]} [scratch+${offset}]`;
      const register = registerOperand(s, EAX).name;
      b.emit(b.random.bool() ? `mov ${register}, ${memory}` : `mov ${memory}, ${register}`);
    }),
    variant("xchg", `xchg rm,r ${s}`, (b) => {
      const destination = b.registerOrMemory(s, b.random.value(s));
      const source = b.register(s, { allowStack: !destination.register });
      b.set(source, b.random.value(s));
      b.emit(`xchg ${destination.text}, ${source.name}`);
    }),
    variant("xadd", `xadd rm,r ${s}`, (b) => {
      const destination = b.registerOrMemory(s, b.random.value(s));
      const source = b.register(s);
      b.set(source, b.random.value(s));
      b.emit(`xadd ${destination.text}, ${source.name}`);
    }),
    variant("cmpxchg", `cmpxchg rm,r ${s}`, (b) => {
      const value = b.random.value(s);
      b.set(registerOperand(s, EAX), b.random.bool() ? value : b.random.value(s));
      b.reserve(EAX);
      const destination = b.registerOrMemory(s, value, { exclude: [EAX] });
      const source = b.register(s);
      b.set(source, b.random.value(s));
      b.emit(`cmpxchg ${destination.text}, ${source.name}`);
    }),
  ]);
}

function extensions(): Variant[] {
  const pairs: [OperandSize, OperandSize][] = [[16, 8], [32, 8], [32, 16]];
  return ["movzx", "movsx"].flatMap((mnemonic) =>
    pairs.map(([to, from]) =>
      variant(mnemonic, `${mnemonic} r${to},rm${from}`, (b) => {
        const source = b.registerOrMemory(from, b.random.value(from));
        const destination = b.register(to);
        b.emit(`${mnemonic} ${destination.name}, ${source.text}`);
      }),
    ),
  );
}

function conditionals(): Variant[] {
  return conditions.flatMap((condition) => [
    variant("setcc", `set${condition} rm8`, (b) => {
      b.emit(`set${condition} ${b.registerOrMemory(8, b.random.value(8)).text}`);
    }),
    ...([16, 32] as OperandSize[]).map((s) =>
      variant("cmovcc", `cmov${condition} r,rm ${s}`, (b) => {
        const source = b.registerOrMemory(s, b.random.value(s));
        const destination = b.register(s);
        if (destination.number !== source.register?.number) b.set(destination, b.random.value(s));
        b.emit(`cmov${condition} ${destination.name}, ${source.text}`);
      }),
    ),
  ]);
}

/** Multi-byte nops: SDM vol. 2B "NOP" table, plus 66/2e-prefixed forms gcc and clang pad with. */
const nopEncodings = [
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0xc0],
  [0x0f, 0x1f, 0x04, 0x8d, 0x78, 0x56, 0x34, 0x12],
];

function others(): Variant[] {
  return [
    ...([16, 32] as OperandSize[]).map((s) =>
      variant("lea", `lea r${s},m`, (b) => {
        const destination = b.register(s);
        b.emit(`lea ${destination.name}, ${b.memoryOperand(32, b.random.int(0, 60), false)}`);
      }),
    ),
    variant("bswap", "bswap r32", (b) => {
      const register = b.register(32, { allowStack: false });
      b.set(register, b.random.value(32));
      b.emit(`bswap ${register.name}`);
    }),
    ...nopEncodings.map((bytes) =>
      variant("nop", `nop ${bytes.length}-byte ${bytes.map((byte) => byte.toString(16).padStart(2, "0")).join(" ")}`, (b) => {
        b.emit(`.byte ${bytes.join(", ")}`);
      }),
    ),
  ];
}

export const moveVariants: Variant[] = [...moves(), ...extensions(), ...conditionals(), ...others()];
