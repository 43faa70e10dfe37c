/**
 * The layers import one way (docs/ARCHITECTURE.md): each folder under src/ may import only the
 * folders below it in LAYERS, read off every `import`/`export ... from` of src/. The edges that
 * still go the wrong way are listed in KNOWN, each to be removed by a redesign; a listed edge
 * that no longer exists fails too, so the list only shrinks. And one function locks and recovers
 * an image: no other file takes the lock or replays a journal itself.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";

const source = new URL("../src/", import.meta.url).pathname;

/** Lowest first: a layer imports only layers listed before it (and src/errors.ts, src/types/). */
const LAYERS = ["ir", "bitcode", "module", "disk", "fat", "image", "jit", "emu", "kernel", "gdb", "cli"];

/** Wrong-way edges that remain, with the redesign that removes each. */
const KNOWN = new Map<string, string>([]);

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function layerOf(path: string): string | undefined {
  const [first, second] = relative(source, path).split("/");
  return second === undefined ? undefined : first;
}

function edges(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files(source)) {
    const from = layerOf(file);
    if (from === undefined) continue;
    for (const match of readFileSync(file, "utf8").matchAll(/(?:import|export)[^;]*?from "(\.[^"]+)"/g)) {
      const to = layerOf(join(file, "..", match[1] as string));
      if (to === undefined || to === from || to === "types") continue;
      const key = `${from} -> ${to}`;
      found.set(key, [...(found.get(key) ?? []), relative(source, file)]);
    }
  }
  return found;
}

it("every src/ folder is a layer", () => {
  const folders = readdirSync(source).filter((name) => statSync(join(source, name)).isDirectory() && name !== "types");
  expect(folders.sort()).toEqual([...LAYERS].sort());
});

it("no layer imports a layer above it, but for the known edges", () => {
  const wrong: string[] = [];
  for (const [edge, where] of edges()) {
    const [from, to] = edge.split(" -> ") as [string, string];
    if (LAYERS.indexOf(to) > LAYERS.indexOf(from) && !KNOWN.has(edge)) wrong.push(`${edge} (${where.join(", ")})`);
  }
  expect(wrong).toEqual([]);
});

it("every known edge still exists (remove it from KNOWN once it is gone)", () => {
  const present = edges();
  expect([...KNOWN.keys()].filter((edge) => !present.has(edge))).toEqual([]);
});

/** Files of src/ (relative) whose text calls `name(`, outside comments' `*` lines. */
function callersOf(name: string): string[] {
  return files(source)
    .filter((file) => readFileSync(file, "utf8").split("\n").some((line) => !/^\s*(\*|\/\/)/.test(line) && line.includes(`${name}(`)))
    .map((file) => relative(source, file))
    .sort();
}

it("one function locks and recovers an image (disk/access.ts accessImage), for every command", () => {
  expect(callersOf("lockImage")).toEqual(["disk/access.ts", "disk/lock.ts"]);
  expect(callersOf("recoverImage")).toEqual(["disk/access.ts", "disk/commit.ts"]);
  expect(callersOf("accessImage")).toEqual(["cli/commands/new-action.ts", "disk/access.ts", "image/add.ts", "image/session.ts"]);
  expect(callersOf("withImageRead")).toEqual([
    "cli/commands/check-action.ts",
    "cli/commands/disasm-action.ts",
    "image/module-input.ts",
    "kernel/kernel.ts",
  ]);
});
