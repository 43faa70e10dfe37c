/**
 * Chains: a flag-producing instruction followed by one that consumes or preserves flags (adc,
 * sbb, rcl, rcr, setcc, cmovcc, jcc, inc, dec, pushfd, shifts by 0...) on the producer's results.
 * Single-instruction cases start from flags loaded by popfd; chains check that flags computed
 * lazily by one instruction reach the next one correctly. A consumer is only chosen if the flags
 * it reads are all defined after the producer.
 */
import type { CaseBuilder } from "./builder.js";
import { CF, OF, PF, SF, STATUS_FLAGS, ZF } from "./flags.js";
import { dataVariants, type Variant } from "./table-data.js";
import { flowVariants } from "./table-flow.js";
import { moveVariants } from "./table-move.js";

const conditionReads: Record<string, number> = {
  o: OF, no: OF, b: CF, ae: CF, e: ZF, ne: ZF, be: CF | ZF, a: CF | ZF,
  s: SF, ns: SF, p: PF, np: PF, l: SF | OF, ge: SF | OF, le: ZF | SF | OF, g: ZF | SF | OF,
};

/** The EFLAGS bits a consumer's result depends on. */
function flagsRead(variant: Variant): number {
  if (["adc", "sbb", "rcl", "rcr"].includes(variant.mnemonic)) return CF;
  if (variant.mnemonic === "pushfd") return STATUS_FLAGS;
  const condition = /^(?:set|cmov|j)(\w+) /.exec(variant.name)?.[1];
  if (["setcc", "cmovcc", "jcc"].includes(variant.mnemonic) && condition !== undefined) return conditionReads[condition] ?? STATUS_FLAGS;
  return 0;
}

const producerMnemonics = new Set(["add", "adc", "sub", "sbb", "cmp", "and", "or", "xor", "test", "inc", "dec", "neg", "shl", "shr",
  "sar", "rol", "ror", "rcl", "rcr", "shld", "shrd", "bt", "bts", "btr", "btc", "imul", "mul"]);
const producers = dataVariants.filter((variant) => producerMnemonics.has(variant.mnemonic));

/** Consumers whose flag rules do not depend on register values (no CL counts, no divisions). */
const consumers = [...dataVariants, ...moveVariants, ...flowVariants].filter((variant) =>
  ["adc", "sbb", "add", "sub", "and", "xor", "cmp", "inc", "dec", "setcc", "cmovcc", "jcc", "pushfd"].includes(variant.mnemonic) ||
  (["rcl", "rcr", "shl", "sar", "rol", "ror"].includes(variant.mnemonic) && !variant.name.includes(",cl")),
);

function buildChain(b: CaseBuilder): void {
  const producer = b.random.pick(producers);
  producer.build(b);
  const undefinedAfterProducer = b.undefinedFlags;
  b.freeze();
  const allowed = consumers.filter((consumer) => (flagsRead(consumer) & undefinedAfterProducer) === 0);
  const consumer = b.random.pick(allowed);
  consumer.build(b);
  if (b.random.bool(0.3)) b.random.pick(allowed.filter((next) => (flagsRead(next) & b.undefinedFlags) === 0)).build(b);
}

export const chainVariants: Variant[] = Array.from({ length: 40 }, (_, index) => ({
  mnemonic: "chain",
  name: `chain ${index}`,
  build: buildChain,
}));
