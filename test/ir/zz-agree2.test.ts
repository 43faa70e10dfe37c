import { it } from "vitest";
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { readBitcode } from "../../src/bitcode/reader.js";
import { checkModule } from "../../src/ir/verify.js";
import { printModule } from "../../src/ir/print.js";
import { findBitFields } from "./bitstream-fields.js";
it("agree2", () => {
  let state = 987654;
  const rnd = (n: number) => { state = (state + 0x6d2b79f5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n); };
  const files = ["bc", "bc19"].flatMap((d) => readdirSync(`modules/${d}`).filter((f) => /O[12]/.test(f)).map((f) => [d, `modules/${d}/${f}`] as const));
  const cache = new Map<string, ReturnType<typeof findBitFields>>();
  const tally = new Map<string, number>();
  for (let i = 0; i < 300; i++) {
    const [dir, file] = files[rnd(files.length)]!;
    const bytes = new Uint8Array(readFileSync(file));
    if (!cache.has(file)) cache.set(file, findBitFields(bytes).filter((f) => f.what === "operand value"));
    const values = cache.get(file)!;
    const field = values[rnd(values.length)]!;
    const width = Math.min(field.vbr ? field.width - 1 : field.width, 30);
    const value = rnd(2 ** width);
    for (let k = 0; k < width; k++) { const at = field.bit + k; if ((value >> k) & 1) bytes[at >> 3]! |= 1 << (at & 7); else bytes[at >> 3]! &= ~(1 << (at & 7)); }
    let ours = "ok", why = "";
    try { const m = readBitcode(bytes, { file: "x.bc" }); checkModule(m, "x.bc"); printModule(m); } catch (e) { ours = "refused"; why = (e as Error).message; }
    writeFileSync("/tmp/b2/a2.bc", bytes);
    const v = dir === "bc" ? 14 : 19;
    const r = spawnSync(`opt-${v}`, ["-passes=verify", "-disable-output", "/tmp/b2/a2.bc"], { encoding: "latin1" });
    const theirs = r.status === 0 ? "ok" : "refused";
    tally.set(`ours ${ours} / llvm ${theirs}`, (tally.get(`ours ${ours} / llvm ${theirs}`) ?? 0) + 1);
    if (ours !== theirs) { writeFileSync(`/tmp/b2/a2-${i}.bc`, bytes); console.log(`${i} ours ${ours} llvm ${theirs}: ${file} ${why.slice(0, 160)} | ${r.stderr.split("\n").filter(Boolean).slice(0, 2).join(" / ").slice(0, 220)}`); }
  }
  console.log([...tally]);
}, 900000);
