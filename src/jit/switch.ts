/**
 * How a switch is lowered: a jump table when the cases are dense (at least 4 cases covering at
 * least a third of their range, range at most 4096 entries), otherwise a chain of compares.
 */
export type SwitchPlan = { kind: "table"; minimum: number; range: number } | { kind: "chain" };

export function planSwitch(values: readonly number[]): SwitchPlan {
  if (values.length < 4) return { kind: "chain" };
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const value of values) {
    minimum = Math.min(minimum, value);
    maximum = Math.max(maximum, value);
  }
  const range = maximum - minimum + 1;
  if (range > 4096 || range > values.length * 3) return { kind: "chain" };
  return { kind: "table", minimum, range };
}
