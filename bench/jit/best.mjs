// The best (smallest) wall time of `count` runs of `action`, in milliseconds: shared by the
// JIT benchmarks, which time in-process compiles on a noisy machine.
export function best(count, action) {
  let fastest = Infinity;
  for (let run = 0; run < count; run++) {
    const started = performance.now();
    action();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}
