/**
 * Every sample module in modules/, built by clang-14 (modules/bc) and clang-19 (modules/bc19) at
 * -O0, -O1 and -O2, run by the simulated kernel from a FAT16 image: it must print exactly what
 * the native build of the same .bc prints (the matching llc, gcc -m32 and the kernel-services
 * harness: test/helpers/native.ts) and end the same way with the same value.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { runModule } from "../../src/kernel/kernel.js";
import { nativeRun } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";
import { asNative, buildImage, root, temporaryFolder } from "./support.js";

const names = readdirSync(join(root, "modules")).filter((file) => file.endsWith(".c")).map((file) => file.slice(0, -2)).sort();

/** Arguments per module: none, except `args`, which is run through each of its endings. */
const ARGUMENTS: Record<string, number[][]> = {
  args: [[7, 3], [-20, 6], [-2147483648, -1], [5, 0], [-1, 2], []],
};

const builds = ["bc", "bc19"].flatMap((folder) => [0, 1, 2].map((level) => ({ folder, level, llc: folder === "bc19" ? "llc-19" : "llc-14" })));
const images = new Map<string, string>();
const peers = ["llc-14", "llc-19", "gcc"];

beforeAll(async () => {
  const work = temporaryFolder("kernel-modules");
  for (const { folder, level } of builds) {
    const modules = names.map((name) => ({
      bytes: new Uint8Array(readFileSync(join(root, "modules", folder, `${name}.O${level}.bc`))),
      diskName: `${name.toUpperCase()}.BC`,
      name,
      entry: name,
      optLevel: level,
    }));
    images.set(`${folder}.O${level}`, await buildImage(join(work, `${folder}.O${level}.img`), modules));
  }
});

describePeers([I386_REFERENCE, ...peers], `sample modules on the simulated kernel agree with native builds${referenceLabel()}`, () => {
  for (const { folder, level, llc } of builds) {
    for (const name of names) {
      itPeers(peers, `${folder} -O${level} ${name}`, async () => {
        const bc = join(root, "modules", folder, `${name}.O${level}.bc`);
        for (const args of ARGUMENTS[name] ?? [[]]) {
          const native = await nativeRun(bc, name, args, llc);
          const result = runModule({ image: images.get(`${folder}.O${level}`)!, module: name, args, maxSteps: 200_000_000 });
          expect(asNative(result), `${name}(${args.join(", ")})`).toEqual(native);
        }
      });
    }
  }
});
