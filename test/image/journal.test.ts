/**
 * The journal file format and recovery, in process: a complete journal replays (and replaying
 * twice gives the same bytes), every truncation or corruption is "incomplete" and discarded
 * without touching the image, and a journal for an image of another size is refused.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { recoverImage } from "../../src/disk/commit.js";
import { SectorDevice } from "../../src/disk/device.js";
import { decodeJournal, journalPath, readJournal, writeJournal, type Run } from "../../src/disk/journal.js";
import { fileHash, tempDir } from "./support.js";

let image = "";

const runs: Run[] = [
  { position: 0, data: new Uint8Array(512).fill(0xaa) },
  { position: 4096, data: new Uint8Array(1536).map((_, index) => index & 0xff) },
];

beforeEach(() => {
  image = path.join(tempDir("journal"), "x.img");
  fs.writeFileSync(image, Buffer.alloc(16384));
});

function recover(): string {
  return recoverImage(image, () => new SectorDevice(image, { writable: true }));
}

describe("journal", () => {
  it("round-trips its runs and replays them idempotently", () => {
    writeJournal(image, 16384, runs);
    const state = readJournal(image);
    expect(state.kind).toBe("complete");
    if (state.kind !== "complete") return;
    expect(state.imageSize).toBe(16384);
    expect(state.runs.map((run) => [run.position, Buffer.from(run.data).toString("hex")])).toEqual(
      runs.map((run) => [run.position, Buffer.from(run.data).toString("hex")]),
    );
    const journal = fs.readFileSync(journalPath(image));
    expect(recover()).toBe("replayed");
    expect(fs.existsSync(journalPath(image))).toBe(false);
    const once = fileHash(image);
    const bytes = fs.readFileSync(image);
    expect([bytes[0], bytes[511], bytes[512], bytes[4096 + 1535]]).toEqual([0xaa, 0xaa, 0, 1535 & 0xff]);
    fs.writeFileSync(journalPath(image), journal);
    expect(recover()).toBe("replayed");
    expect(fileHash(image)).toBe(once);
  });

  it("treats every truncation as incomplete and discards it without touching the image", () => {
    writeJournal(image, 16384, runs);
    const journal = fs.readFileSync(journalPath(image));
    const before = fileHash(image);
    for (let length = 0; length < journal.length; length += 7) {
      expect(decodeJournal(journal.subarray(0, length)).kind, `length ${length}`).toBe("incomplete");
    }
    fs.writeFileSync(journalPath(image), journal.subarray(0, journal.length - 1));
    expect(recover()).toBe("discarded");
    expect(fs.existsSync(journalPath(image))).toBe(false);
    expect(fileHash(image)).toBe(before);
  });

  it.each([
    [0, "bad header"],
    [60, "checksum mismatch"],
    [200, "checksum mismatch"],
    [-40, "no completion marker"],
    [-20, "checksum mismatch"],
    [-48, "no completion marker"],
  ])("a flipped byte at %i is %s", (at, reason) => {
    writeJournal(image, 16384, runs);
    const journal = Buffer.from(fs.readFileSync(journalPath(image)));
    const index = at < 0 ? journal.length + at : at;
    journal[index] = journal[index]! ^ 0x01;
    expect(decodeJournal(journal)).toEqual({ kind: "incomplete", reason });
  });

  it("reports a journal it cannot read", () => {
    fs.mkdirSync(journalPath(image));
    expect(() => recover()).toThrow(`${journalPath(image)}: cannot read the journal: EISDIR`);
  });

  it("refuses a journal written for an image of another size", () => {
    writeJournal(image, 32768, runs);
    expect(() => recover()).toThrow(
      `${journalPath(image)}: journal was written for an image of 32768 bytes, but the image has 16384; ` +
        "move the journal away if it belongs to another image",
    );
  });
});
