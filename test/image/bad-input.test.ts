/**
 * Issue 12, "every bad input gets a clean error", for the image commands: a damaged or hostile
 * image, an absurd path, an oversized input. Each case is one exact line on stderr, exit status
 * 2, nothing on stdout, and the image's bytes unchanged.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { wrapModule } from "../../src/module/wrap.js";
import { fileHash, MKIMG, mkimgOk, REAL_BITCODE, tempDir, type Result } from "./support.js";

/** bin/mkimg with a deadline: a hang is killed (SIGKILL: a command holding a lock defers SIGTERM). */
function mkimg(cwd: string, args: string[]): Result {
  const result = spawnSync(MKIMG, args, { cwd, encoding: "utf8", timeout: 20_000, killSignal: "SIGKILL" });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

let work = "";

beforeAll(() => {
  work = tempDir("bad-input");
});

/** Runs mkimg, expects exactly `stderr` and status 2, and the image's bytes as they were. */
function expectRefused(image: string, args: string[], stderr: string | RegExp): void {
  const before = fileHash(path.join(work, image));
  const result = mkimg(work, args);
  expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: "" });
  if (typeof stderr === "string") expect(result.stderr).toBe(stderr);
  else expect(result.stderr).toMatch(stderr);
  expect(fileHash(path.join(work, image))).toBe(before);
}

interface Layout {
  rootStart: number;
  dataStart: number;
  clusterBytes: number;
}

/** Where the root directory and the data area are, from the boot sector. */
export function layoutOf(image: string): Layout {
  const bytes = fs.readFileSync(image).subarray(0, 512);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorBytes = view.getUint16(11, true);
  const reserved = view.getUint16(14, true);
  const fatSectors = view.getUint16(22, true);
  const rootStart = (reserved + bytes[16]! * fatSectors) * sectorBytes;
  return { rootStart, dataStart: rootStart + view.getUint16(17, true) * 32, clusterBytes: bytes[13]! * sectorBytes };
}

/** Writes `bytes` into the image file at `offset`. */
export function patch(image: string, offset: number, bytes: Uint8Array): void {
  const fd = fs.openSync(image, "r+");
  fs.writeSync(fd, bytes, 0, bytes.length, offset);
  fs.closeSync(fd);
}

describe("a directory cycle", () => {
  beforeAll(() => {
    mkimgOk(work, ["new", "cycle.img"]);
    for (const directory of ["/D1", "/D1/D2", "/D1/D2/D3"]) mkimgOk(work, ["mkdir", "cycle.img", directory]);
    // D1 is cluster 2, D2 cluster 3, D3 cluster 4: D3's entry (the third in D2) now points at D1.
    const { dataStart, clusterBytes } = layoutOf(path.join(work, "cycle.img"));
    patch(path.join(work, "cycle.img"), dataStart + clusterBytes + 2 * 32 + 26, Uint8Array.of(2, 0));
  });

  const message = "mkimg: cycle.img: /D1/D2/D3: directory cluster 2 is reached twice (a directory cycle)\n";

  it("ls -R stops at the cycle", () => {
    expectRefused("cycle.img", ["ls", "-R", "cycle.img"], message);
  });

  it("extract stops at the cycle and writes nothing", () => {
    expectRefused("cycle.img", ["extract", "cycle.img", "-C", "cycle-out"], message);
    expect(fs.existsSync(path.join(work, "cycle-out"))).toBe(false);
  });
});

describe("a root directory of random bytes", () => {
  beforeAll(() => {
    mkimgOk(work, ["new", "random.img"]);
    const bytes = new Uint8Array(512 * 32);
    let state = 12345;
    for (let index = 0; index < bytes.length; index++) {
      state = (state * 1103515245 + 12345) >>> 0;
      bytes[index] = state >>> 24;
    }
    patch(path.join(work, "random.img"), layoutOf(path.join(work, "random.img")).rootStart, bytes);
  });

  for (const command of [["ls", "-R", "random.img"], ["extract", "random.img", "-C", "random-out"]]) {
    it(`${command[0]} gives one line`, () => {
      expectRefused("random.img", command, /^mkimg: random\.img: \/[^\n]*\n$/);
    });
  }
});

describe("a path longer than FAT allows", () => {
  const long = `/${"ABCDEFGH/".repeat(2500)}X.BC`;
  const message = `mkimg: long.img: ${long.slice(0, 57)}...: path is ${long.length} characters long: FAT allows at most 259\n`;

  beforeAll(() => {
    mkimgOk(work, ["new", "long.img"]);
    mkimgOk(work, ["mkdir", "long.img", "/X"]);
  });

  const commands: [string, string[]][] = [
    ["ls", ["ls", "long.img", long]],
    ["cat", ["cat", "long.img", long]],
    ["mkdir", ["mkdir", "long.img", long]],
    ["rm", ["rm", "long.img", long]],
    ["mv from", ["mv", "long.img", long, "/Y"]],
    ["mv to", ["mv", "long.img", "/X", long]],
  ];
  for (const [name, args] of commands) {
    it(`${name} refuses it`, () => {
      expectRefused("long.img", args, message);
    });
  }

  it("a name of 256 characters is refused too", () => {
    const name = `/${"N".repeat(256)}`;
    expectRefused("long.img", ["mkdir", "long.img", name], `mkimg: long.img: ${name.slice(0, 57)}...: a name is 256 characters long: FAT allows at most 255\n`);
  });
});

describe("an input far larger than a module can be", () => {
  const limit = "1048704: a 128-byte header and the kernel's limit of 1048576 bytes of bitcode";

  beforeAll(() => {
    mkimgOk(work, ["new", "big.img"]);
    fs.closeSync(fs.openSync(path.join(work, "huge.bc"), "w"));
    fs.truncateSync(path.join(work, "huge.bc"), 1 << 30); // sparse: 1 GiB that takes no disk
  });

  const cases: [string, string[], string][] = [
    ["add", ["add", "huge.bc", "--image", "big.img"], `mkimg: huge.bc: 1073741824 bytes is more than a module can be (${limit})\n`],
    ["info", ["info", "huge.bc"], `mkimg: huge.bc: 1073741824 bytes is more than a module can be (${limit})\n`],
    ["wrap", ["wrap", "huge.bc", "-o", "huge.mod"], `mkimg: huge.bc: 1073741824 bytes is more than a module can be (${limit})\n`],
    ["ir", ["ir", "huge.bc"], "mkimg: huge.bc: 1073741824 bytes is more than mkimg reads as bitcode (67108864)\n"],
    ["disasm", ["disasm", "huge.bc"], "mkimg: huge.bc: 1073741824 bytes is more than mkimg reads as bitcode (67108864)\n"],
  ];
  for (const [name, args, message] of cases) {
    it(`${name} refuses it at once, without reading it`, () => {
      const started = performance.now();
      expectRefused("big.img", args, message);
      expect(performance.now() - started).toBeLessThan(5000);
    });
  }

  it("a device that never ends is refused after the limit", () => {
    expectRefused(
      "big.img",
      ["add", "/dev/zero", "--image", "big.img", "--as", "ZERO.BC"],
      `mkimg: /dev/zero: more than 1048704 bytes: more than a module can be (${limit})\n`,
    );
  });
});

describe("extract into a folder it cannot or must not write", () => {
  beforeAll(() => {
    fs.copyFileSync(REAL_BITCODE, path.join(work, "answer.bc"));
    mkimgOk(work, ["new", "out.img"]);
    mkimgOk(work, ["add", "answer.bc", "--image", "out.img"]);
  });

  it("a folder that cannot be made: an error, not a hang", () => {
    expectRefused("out.img", ["extract", "out.img", "-C", "/proc/nonexist"], "mkimg: /proc/nonexist: cannot write: ENOENT\n");
  });

  it("a symbolic link in the folder is not written through", () => {
    fs.mkdirSync(path.join(work, "linked"));
    fs.writeFileSync(path.join(work, "victim"), "keep me");
    fs.symlinkSync("../victim", path.join(work, "linked/ANSWER.BC"));
    expectRefused(
      "out.img",
      ["extract", "out.img", "-C", "linked"],
      `mkimg: ${path.join(work, "linked/ANSWER.BC")}: is a symbolic link: extract does not write through links (remove it first)\n`,
    );
    expect(fs.readFileSync(path.join(work, "victim"), "utf8")).toBe("keep me");
  });

  it("nor is a link to a folder", () => {
    mkimgOk(work, ["mkdir", "out.img", "/SUB"]);
    fs.mkdirSync(path.join(work, "linked2"));
    fs.mkdirSync(path.join(work, "elsewhere"));
    fs.symlinkSync("../elsewhere", path.join(work, "linked2/SUB"));
    expectRefused(
      "out.img",
      ["extract", "out.img", "-C", "linked2"],
      `mkimg: ${path.join(work, "linked2/SUB")}: is a symbolic link: extract does not write through links (remove it first)\n`,
    );
    expect(fs.readdirSync(path.join(work, "linked2"))).toEqual(["SUB"]);
  });
});

describe("a short name stored in lower case (some tools write it; mtools reads it)", () => {
  beforeAll(() => {
    fs.copyFileSync(REAL_BITCODE, path.join(work, "lower.bc"));
    mkimgOk(work, ["new", "lower.img"]);
    mkimgOk(work, ["add", "lower.bc", "--image", "lower.img"]);
    const { rootStart } = layoutOf(path.join(work, "lower.img"));
    patch(path.join(work, "lower.img"), rootStart + 32, Buffer.from("lower   bc ", "latin1")); // entry 0 is the label
  });

  it("ls lists it, and cat and extract find it by that name or upper-cased", () => {
    const image = path.join(work, "lower.img");
    const before = fileHash(image);
    expect(mkimgOk(work, ["ls", "lower.img"])).toMatch(/ lower\.bc\n$/);
    const cat = (name: string): Buffer => spawnSync(MKIMG, ["cat", "lower.img", name], { cwd: work }).stdout;
    const module = cat("lower.bc");
    expect(module.subarray(128)).toEqual(fs.readFileSync(REAL_BITCODE));
    expect(cat("/LOWER.BC")).toEqual(module);
    const out = path.join(work, "lower-out/lower.bc");
    expect(mkimgOk(work, ["extract", "lower.img", "-C", "lower-out"])).toBe(`${out} (${module.length} bytes)\n`);
    expect(fs.readFileSync(out)).toEqual(module);
    expect(fileHash(image)).toBe(before);
  });
});

describe("an image check would flag is not changed", () => {
  beforeAll(() => {
    fs.copyFileSync(REAL_BITCODE, path.join(work, "one.bc"));
    fs.copyFileSync(REAL_BITCODE, path.join(work, "two.bc"));
    mkimgOk(work, ["new", "free.img"]);
    mkimgOk(work, ["add", "one.bc", "--image", "free.img"]);
    // ONE.BC's first cluster (2) marked free in both FATs: a write would hand it to the next file.
    const bytes = fs.readFileSync(path.join(work, "free.img")).subarray(0, 512);
    const reserved = bytes.readUInt16LE(14);
    const fatBytes = bytes.readUInt16LE(22) * 512;
    for (const fat of [0, 1]) patch(path.join(work, "free.img"), reserved * 512 + fat * fatBytes + 2 * 2, Uint8Array.of(0, 0));
  });

  const message =
    "mkimg: free.img: /ONE.BC: cluster chain runs into a free cluster (FAT[2] = 0): a damaged image is not changed " +
    "(mkimg check lists the damage; fsck.fat repairs it)\n";

  const commands: [string, string[]][] = [
    ["add", ["add", "two.bc", "--image", "free.img"]],
    ["mkdir", ["mkdir", "free.img", "/NEW"]],
    ["rm", ["rm", "free.img", "/ONE.BC"]],
    ["mv", ["mv", "free.img", "/ONE.BC", "/UNO.BC"]],
  ];
  for (const [name, args] of commands) {
    it(`${name} refuses it`, () => {
      expectRefused("free.img", args, message);
    });
  }
});

describe("control characters in names reach the terminal escaped", () => {
  beforeAll(() => {
    fs.copyFileSync(REAL_BITCODE, path.join(work, "esc.bc"));
    mkimgOk(work, ["new", "esc.img"]);
    mkimgOk(work, ["add", "esc.bc", "--image", "esc.img"]);
    const { rootStart } = layoutOf(path.join(work, "esc.img"));
    patch(path.join(work, "esc.img"), rootStart + 32, Buffer.from("E\x1b[2J\nX BC ", "latin1"));
  });

  it("ls, extract and check print \\x1b and \\n, one line per entry", () => {
    expect(mkimgOk(work, ["ls", "esc.img"])).toMatch(/^ +\d+ {2}[-0-9 :]+ {2}E\\x1b\[2J\\nX\.BC\n$/);
    const out = path.join(work, "esc-out");
    expect(mkimgOk(work, ["extract", "esc.img", "-C", "esc-out"])).toMatch(new RegExp(`^${out}/E\\\\x1b\\[2J\\\\nX\\.BC \\(\\d+ bytes\\)\\n$`));
    const check = mkimg(work, ["check", "esc.img"]);
    expect(check.stdout.split("\n")[0]).toBe('esc.img: /E\\x1b[2J\\nX.BC: short name "E\\x1b[2J\\nX BC " has characters FAT does not allow');
  });

  it("an error about such a name is one line", () => {
    expectRefused("esc.img", ["cat", "esc.img", "/E\x1b[2J\nY.BC"], "mkimg: esc.img: /E\\x1b[2J\\nY.BC: no such file\n");
  });
});

describe("add --image of an image that does not exist", () => {
  beforeAll(() => {
    fs.copyFileSync(REAL_BITCODE, path.join(work, "made.bc"));
  });

  it("is an error that says how to create it", () => {
    const result = mkimg(work, ["add", "made.bc", "--image", "missing.img"]);
    expect(result).toMatchObject({
      status: 2,
      stdout: "",
      stderr: "mkimg: missing.img: no such image file (--create makes one, 16 MiB unless --size says otherwise)\n",
    });
    expect(fs.existsSync(path.join(work, "missing.img"))).toBe(false);
  });

  it("--create makes it (16 MiB), --size makes it that size", () => {
    mkimgOk(work, ["add", "made.bc", "--image", "made.img", "--create"]);
    expect(fs.statSync(path.join(work, "made.img")).size).toBe(16 << 20);
    mkimgOk(work, ["add", "made.bc", "--image", "sized.img", "--size", "8M"]);
    expect(fs.statSync(path.join(work, "sized.img")).size).toBe(8 << 20);
    expect(mkimgOk(work, ["ls", "sized.img"])).toMatch(/ MADE\.BC\n$/);
  });

  it("a size FAT16 cannot have is refused naming the image, and nothing is left", () => {
    const result = mkimg(work, ["add", "made.bc", "--image", "tiny.img", "--size", "1M"]);
    expect(result).toMatchObject({ status: 2, stdout: "", stderr: "mkimg: tiny.img: 1 MiB cannot be FAT16: sizes from 2080 KiB to 4194004 KiB\n" });
    expect(fs.readdirSync(work).filter((name) => name.includes("tiny"))).toEqual([]);
  });
});

describe("bitcode that does not read", () => {
  beforeAll(() => {
    fs.writeFileSync(path.join(work, "magic.bc"), Uint8Array.of(0x42, 0x43, 0xc0, 0xde));
    const corrupt = fs.readFileSync(REAL_BITCODE);
    corrupt.fill(0xff, 100, 140);
    fs.writeFileSync(path.join(work, "corrupt.bc"), corrupt);
    fs.copyFileSync(REAL_BITCODE, path.join(work, "good.bc"));
    mkimgOk(work, ["new", "bits.img"]);
  });

  const corruptLine = /^mkimg: corrupt\.bc: .* \(offset 0x[0-9a-f]+\)\n$/;

  it("add refuses LLVM's magic alone, naming the offset, and adds nothing else of the batch", () => {
    expectRefused("bits.img", ["add", "good.bc", "magic.bc", "--image", "bits.img"], "mkimg: magic.bc: bitcode has no MODULE block (offset 0x04)\n");
  });

  it("add refuses corrupt bitcode, naming the offset", () => {
    expectRefused("bits.img", ["add", "corrupt.bc", "--image", "bits.img"], corruptLine);
  });

  it("wrap refuses both and writes no module", () => {
    expect(mkimg(work, ["wrap", "magic.bc"])).toMatchObject({ status: 2, stdout: "", stderr: "mkimg: magic.bc: bitcode has no MODULE block (offset 0x04)\n" });
    expect(mkimg(work, ["wrap", "corrupt.bc"])).toMatchObject({ status: 2, stdout: "", stderr: expect.stringMatching(corruptLine) });
    expect(fs.existsSync(path.join(work, "magic.mod")) || fs.existsSync(path.join(work, "corrupt.mod"))).toBe(false);
  });

  it("check calls a module holding it not loadable (with the offset in the module file)", () => {
    // Wrapped by the library, which checks only the magic: what an older mkimg let onto images.
    for (const name of ["magic", "corrupt"]) {
      const bitcode = fs.readFileSync(path.join(work, `${name}.bc`));
      fs.writeFileSync(path.join(work, `${name}.mod`), wrapModule(bitcode, { name, entry: name }, `${name}.bc`));
    }
    mkimgOk(work, ["new", "old.img"]);
    mkimgOk(work, ["add", "magic.mod", "corrupt.mod", "--image", "old.img"]);
    const result = mkimg(work, ["check", "old.img"]);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n").slice(0, 2)).toEqual([
      "old.img: /MAGIC.BC: the kernel cannot load it: invalid bitcode: bitcode has no MODULE block (offset 0x84)",
      expect.stringMatching(/^old\.img: \/CORRUPT\.BC: the kernel cannot load it: invalid bitcode: .* \(offset 0x[0-9a-f]+\)$/),
    ]);
    expect(result.stdout).toMatch(/2 modules \(0 loadable\)/);
  });
});
