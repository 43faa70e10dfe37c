/**
 * The whole instruction table and the case generator: every variant (mnemonic x operand size x
 * form) is visited in a seeded shuffled order, round after round, so any run of at least
 * `variants.length` cases covers the table.
 */
import { CaseBuilder, type TestCase } from "./builder.js";
import { Random } from "./random.js";
import { chainVariants } from "./table-chain.js";
import { dataVariants, type Variant } from "./table-data.js";
import { extraVariants } from "./table-extra.js";
import { flowVariants } from "./table-flow.js";
import { moveVariants } from "./table-move.js";
import { stringVariants } from "./table-string.js";

export const variants: Variant[] = [...dataVariants, ...moveVariants, ...flowVariants, ...stringVariants, ...extraVariants, ...chainVariants];

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/** `count` cases numbered from `first`, from `seed`. */
export function generateCases(seed: number, count: number, first = 0): TestCase[] {
  const random = new Random(seed);
  const cases: TestCase[] = [];
  let order: Variant[] = [];
  for (let index = 0; index < count; index++) {
    if (index % variants.length === 0) order = shuffled(variants, random);
    const variant = order[index % variants.length] as Variant;
    const builder = new CaseBuilder(random, first + index, variant.name);
    variant.build(builder);
    cases.push(builder.build());
  }
  return cases;
}
