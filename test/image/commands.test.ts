/**
 * add, ls, cat, extract, rm, mkdir, mv through bin/mkimg, each mutating step followed by
 * fsck.fat -n (silent) and mtools reading back exactly the expected files and bytes.
 * Error lines are exact; after a refused command the image's bytes are unchanged.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describePeers } from "../helpers/peers.js";
import { wrapModule } from "../../src/module/index.js";
import {
  MKIMG,
  REAL_BITCODE,
  sha256,
  expectImageHolds,
  REAL_BITCODE_ENTRY,
  realBitcode,
  fileHash,
  mkimg,
  mkimgOk,
  tempDir,
} from "./support.js";

let work = "";
const files: Record<string, Uint8Array> = {};
const directories: string[] = [];
const image = "images/disk.img";
const env = { SOURCE_DATE_EPOCH: "1700000000" };

function imagePath(): string {
  return path.join(work, image);
}

beforeAll(() => {
  work = tempDir("commands");
  fs.copyFileSync(REAL_BITCODE, path.join(work, "answer.bc"));
  fs.copyFileSync(REAL_BITCODE, path.join(work, "fibonacci.bc"));
  fs.writeFileSync(path.join(work, "big.bc"), realBitcode(100_000, 1));
  const bitcode = realBitcode(3000, 2);
  fs.writeFileSync(path.join(work, "sum.mod"), wrapModule(bitcode, { name: "sum", entry: "sum", optLevel: 2 }, "sum"));
  fs.writeFileSync(path.join(work, "notes.txt"), "hello\n");
});

describePeers(["fsck.fat", "mcopy", "mdir"], "image commands against fsck.fat and mtools", () => {
  it("add creates images/disk.img and wraps raw bitcode", () => {
    expect(mkimgOk(work, ["add", "answer.bc"], env)).toBe(
      "images/disk.img: added /ANSWER.BC (2040 bytes, wrapped from answer.bc)\n",
    );
    const stored = new Uint8Array(fs.readFileSync(path.join(work, "answer.bc")));
    files["/ANSWER.BC"] = wrapModule(stored, { name: "answer", entry: "answer" }, "answer.bc");
    expectImageHolds(imagePath(), files, directories);
    expect(fs.existsSync(`${imagePath()}.journal`)).toBe(false);
  });

  it("add stores a wrapped module byte for byte, several files in one go, --as and --opt", () => {
    const out = mkimgOk(work, ["add", "--image", image, "sum.mod", "big.bc"], env);
    expect(out).toBe(
      "images/disk.img: added /SUM.BC (3128 bytes, module sum.mod)\n" +
        "images/disk.img: added /BIG.BC (100128 bytes, wrapped from big.bc)\n",
    );
    files["/SUM.BC"] = fs.readFileSync(path.join(work, "sum.mod"));
    files["/BIG.BC"] = wrapModule(realBitcode(100_000, 1), { name: "big", entry: REAL_BITCODE_ENTRY }, "big.bc");
    mkimgOk(work, ["add", "--image", image, "fibonacci.bc", "--as", "fib.bc", "--opt", "2", "--entry", "answer"], env);
    files["/FIB.BC"] = wrapModule(
      new Uint8Array(fs.readFileSync(path.join(work, "fibonacci.bc"))),
      { name: "fibonacci", entry: "answer", optLevel: 2 },
      "fibonacci.bc",
    );
    expectImageHolds(imagePath(), files, directories);
  });

  it("add --replace overwrites, and a refused add leaves the image unchanged", () => {
    const before = fileHash(imagePath());
    expect(mkimg(work, ["add", "--image", image, "answer.bc"], env)).toMatchObject({
      status: 2,
      stderr: "mkimg: images/disk.img: /ANSWER.BC already exists (from answer.bc); use --replace to overwrite it\n",
    });
    expect(fileHash(imagePath())).toBe(before);
    mkimgOk(work, ["add", "--image", image, "answer.bc", "--replace", "--version", "7"], env);
    files["/ANSWER.BC"] = wrapModule(
      new Uint8Array(fs.readFileSync(path.join(work, "answer.bc"))),
      { name: "answer", entry: "answer", version: 7 },
      "answer.bc",
    );
    expectImageHolds(imagePath(), files, directories);
  });

  it("mkdir, add --dir, mv (rename and into a directory)", () => {
    expect(mkimgOk(work, ["mkdir", image, "/LIB"], env)).toBe("images/disk.img: created /LIB/\n");
    directories.push("/LIB");
    expectImageHolds(imagePath(), files, directories);
    mkimgOk(work, ["add", "--image", image, "--dir", "LIB", "fibonacci.bc", "--as", "FIB2.BC"], env);
    // The default entry is the bitcode's one exported function: answer.bc's "answer".
    files["/LIB/FIB2.BC"] = wrapModule(
      new Uint8Array(fs.readFileSync(path.join(work, "fibonacci.bc"))),
      { name: "fibonacci", entry: "answer" },
      "fibonacci.bc",
    );
    expectImageHolds(imagePath(), files, directories);
    expect(mkimgOk(work, ["mv", image, "BIG.BC", "LIB"], env)).toBe("images/disk.img: moved BIG.BC to /LIB/BIG.BC\n");
    files["/LIB/BIG.BC"] = files["/BIG.BC"]!;
    delete files["/BIG.BC"];
    expectImageHolds(imagePath(), files, directories);
    mkimgOk(work, ["mv", image, "/LIB", "/MODS"], env);
    directories.splice(0, 1, "/MODS");
    for (const name of ["FIB2.BC", "BIG.BC"]) {
      files[`/MODS/${name}`] = files[`/LIB/${name}`]!;
      delete files[`/LIB/${name}`];
    }
    expectImageHolds(imagePath(), files, directories);
  });

  it("ls lists names, sizes and times; -l adds module headers; --json; -R", () => {
    expect(mkimgOk(work, ["ls", image], env)).toBe(
      "      2040  2023-11-14 22:13:20  ANSWER.BC\n" +
        "      3128  2023-11-14 22:13:20  SUM.BC\n" +
        "     <DIR>  2023-11-14 22:13:20  MODS/\n" +
        "      2040  2023-11-14 22:13:20  FIB.BC\n",
    );
    expect(mkimgOk(work, ["ls", "-lR", image], env)).toBe(
      "      2040  2023-11-14 22:13:20  ANSWER.BC  module answer entry answer O0 version 7 bitcode 1912 layout 128 crc ok\n" +
        "      3128  2023-11-14 22:13:20  SUM.BC  module sum entry sum O2 version 1 bitcode 3000 layout 128 crc ok\n" +
        "     <DIR>  2023-11-14 22:13:20  MODS/\n" +
        "      2040  2023-11-14 22:13:20  MODS/FIB2.BC  module fibonacci entry answer O0 version 1 bitcode 1912 layout 128 crc ok\n" +
        "    100128  2023-11-14 22:13:20  MODS/BIG.BC  module big entry f O0 version 1 bitcode 100000 layout 128 crc ok\n" +
        "      2040  2023-11-14 22:13:20  FIB.BC  module fibonacci entry answer O2 version 1 bitcode 1912 layout 128 crc ok\n",
    );
    const json = JSON.parse(mkimgOk(work, ["ls", "--json", image, "MODS"], env)) as unknown[];
    expect(json[1]).toEqual({
      path: "/MODS/BIG.BC",
      name: "BIG.BC",
      shortName: "BIG.BC",
      directory: false,
      size: 100128,
      modified: "2023-11-14T22:13:20Z",
      module: { name: "big", entry: REAL_BITCODE_ENTRY, optLevel: 0, version: 1, bitcodeSize: 100000, layout: 128, crc: "ok" },
    });
    expect(mkimgOk(work, ["ls", image, "/MODS/FIB2.BC"], env)).toBe("      2040  2023-11-14 22:13:20  /MODS/FIB2.BC\n");
  });

  it("cat writes the raw bytes, extract copies everything into a folder", () => {
    const before = { hash: fileHash(imagePath()), mtime: fs.statSync(imagePath()).mtimeMs };
    const cat = spawnSync(MKIMG, ["cat", image, "MODS/BIG.BC"], { cwd: work });
    expect([cat.status, cat.stderr.toString(), sha256(cat.stdout)]).toEqual([0, "", sha256(files["/MODS/BIG.BC"]!)]);
    const out = path.join(work, "out");
    mkimgOk(work, ["extract", image, "-C", "out"]);
    for (const [file, bytes] of Object.entries(files)) {
      expect(Buffer.compare(fs.readFileSync(path.join(out, file)), Buffer.from(bytes)), file).toBe(0);
    }
    expect(fs.statSync(path.join(out, "SUM.BC")).mtime.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(mkimgOk(work, ["extract", image, "MODS/FIB2.BC", "-C", "one"])).toBe(`${path.join(work, "one/MODS/FIB2.BC")} (2040 bytes)\n`);
    expect(fs.readdirSync(path.join(work, "one/MODS"))).toEqual(["FIB2.BC"]);
    fs.writeFileSync(path.join(work, "blocked"), "a file where a folder must go");
    expect(mkimg(work, ["extract", image, "MODS", "-C", "blocked"]).stderr).toBe(`mkimg: ${path.join(work, "blocked/MODS")}: cannot write: ENOTDIR\n`);
    mkimgOk(work, ["ls", "-lR", "--json", image]);
    expect({ hash: fileHash(imagePath()), mtime: fs.statSync(imagePath()).mtimeMs }).toEqual(before);
  });

  it("rm removes several files in one transaction, then an empty directory", () => {
    expect(mkimgOk(work, ["rm", image, "MODS/FIB2.BC", "/MODS/BIG.BC", "SUM.BC"], env)).toBe(
      "images/disk.img: removed /MODS/FIB2.BC\nimages/disk.img: removed /MODS/BIG.BC\nimages/disk.img: removed /SUM.BC\n",
    );
    for (const file of ["/MODS/FIB2.BC", "/MODS/BIG.BC", "/SUM.BC"]) delete files[file];
    expectImageHolds(imagePath(), files, directories);
    mkimgOk(work, ["rm", image, "MODS"], env);
    directories.length = 0;
    expectImageHolds(imagePath(), files, directories);
  });

  it.each([
    [["add", "fibonacci.bc", "--image", image], 'mkimg: fibonacci.bc: "fibonacci" does not fit an 8.3 name; use --as NAME.BC\n'],
    [["add", "answer.bc", "--as", "too.long.bc", "--image", image], "mkimg: answer.bc: --as \"too.long.bc\" is not an 8.3 name (1-8 characters, a dot, 0-3 characters: A-Z 0-9 and !#$%&'()-@^_`{}~)\n"],
    [["add", "notes.txt", "--image", image], "mkimg: notes.txt: neither LLVM bitcode nor an LLBC module: starts with 68 65 6c 6c, not LLVM's magic 42 43 c0 de (offset 0x00)\n"],
    [["add", "missing.bc", "--image", image], "mkimg: missing.bc: cannot read: no such file or directory\n"],
    [["add", "sum.mod", "--name", "x", "--image", image], "mkimg: sum.mod: already a wrapped module; --name only apply to raw bitcode (use mkimg wrap)\n"],
    [["add", "answer.bc", "sum.mod", "--as", "X.BC", "--image", image], "mkimg: --as: names one file, but 2 files were given\n"],
    [["add", "answer.bc", "answer.bc", "--image", image, "--replace"], "mkimg: answer.bc: would be ANSWER.BC on the disk, like answer.bc\n"],
    [["add", "answer.bc", "--image", "nothere.img"], "mkimg: nothere.img: no such image file (--create makes one, 16 MiB unless --size says otherwise)\n"],
    [["add", "answer.bc", "--image", image, "--dir", "NODIR"], "mkimg: images/disk.img: /NODIR: no such directory\n"],
    [["rm", image, "NOPE.BC"], "mkimg: images/disk.img: /NOPE.BC: no such file or directory\n"],
    [["rm", image, "ANSWER.BC", "NOPE.BC"], "mkimg: images/disk.img: /NOPE.BC: no such file or directory\n"],
    [["mkdir", image, "ANSWER.BC"], "mkimg: images/disk.img: /ANSWER.BC: already exists\n"],
    [["mkdir", image, "/A/B"], "mkimg: images/disk.img: /A/B: no such file or directory\n"],
    [["mv", image, "NOPE.BC", "X.BC"], "mkimg: images/disk.img: /NOPE.BC: no such file or directory\n"],
    [["mv", image, "ANSWER.BC", "FIB.BC"], "mkimg: images/disk.img: /FIB.BC: already exists\n"],
    [["cat", image, "NOPE.BC"], "mkimg: images/disk.img: /NOPE.BC: no such file\n"],
    [["ls", image, "../x"], "mkimg: images/disk.img: ../x: goes above the root directory\n"],
    [["ls", "images"], "mkimg: images: is a directory, not an image file\n"],
    [["rm", image, "ANSWER.BC", "--offset", "1073741824"], "mkimg: images/disk.img: --offset 1073741824 is beyond the end of the image (16777216 bytes)\n"],
    [["ls", image, "--offset", "100"], "mkimg: option '--offset <bytes>' argument '100' is invalid. expected a byte count that is a multiple of 512. (run `mkimg --help` for usage)\n"],
  ])("refuses %j with one line, image unchanged", (args, stderr) => {
    const before = fileHash(imagePath());
    expect(mkimg(work, args, env)).toEqual({ status: 2, signal: null, stdout: "", stderr });
    expect(fileHash(imagePath())).toBe(before);
    expect(fs.existsSync(`${imagePath()}.journal`)).toBe(false);
  });

  it("refuses to move a directory into itself (FatFs would orphan it)", () => {
    mkimgOk(work, ["mkdir", image, "D"], env);
    mkimgOk(work, ["mkdir", image, "D/E"], env);
    const before = fileHash(imagePath());
    expect(mkimg(work, ["mv", image, "D", "d/e/f"], env).stderr).toBe(
      "mkimg: images/disk.img: /D: cannot move a directory into itself (/d/e/f)\n",
    );
    expect(mkimg(work, ["mv", image, "/D", "/D/E"], env).stderr).toBe(
      "mkimg: images/disk.img: /D: cannot move a directory into itself (/D/E/D)\n",
    );
    expect(fileHash(imagePath())).toBe(before);
    expectImageHolds(imagePath(), files, ["/D", "/D/E"]);
  });

  it("moves directories between directories (their '..' entries follow)", () => {
    mkimgOk(work, ["mkdir", image, "P"], env);
    mkimgOk(work, ["add", "--image", image, "--dir", "D/E", "answer.bc", "--as", "DEEP.BC"], env);
    files["/D/E/DEEP.BC"] = wrapModule(
      new Uint8Array(fs.readFileSync(path.join(work, "answer.bc"))),
      { name: "answer", entry: "answer" },
      "answer.bc",
    );
    expect(mkimgOk(work, ["mv", image, "D", "P"], env)).toBe("images/disk.img: moved D to /P/D\n");
    expect(mkimgOk(work, ["mv", image, "P/D/E", "/"], env)).toBe("images/disk.img: moved P/D/E to /E\n");
    files["/E/DEEP.BC"] = files["/D/E/DEEP.BC"]!;
    delete files["/D/E/DEEP.BC"];
    expectImageHolds(imagePath(), files, ["/P", "/P/D", "/E"]);
  });
});
