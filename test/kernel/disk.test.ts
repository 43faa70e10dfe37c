/**
 * The kernel's disk side and memory plan: the sector device against the file's bytes, the FAT16
 * driver against mtools (every module mdir lists on the demo image, read by the kernel, equals
 * what mcopy extracts), the address layout and the JIT pools' allocation and exhaustion.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { JitAllocator } from "../../src/kernel/allocator.js";
import { KernelFat } from "../../src/kernel/fat-driver.js";
import { DEFAULT_POOL_SIZES, planLayout } from "../../src/kernel/layout.js";
import { KernelPanic } from "../../src/kernel/panic.js";
import { SectorDevice } from "../../src/kernel/sector-device.js";
import { describePeers, itPeers } from "../helpers/peers.js";
import { root, temporaryFolder } from "./support.js";

let demo = "";

beforeAll(() => {
  demo = join(temporaryFolder("kernel-disk"), "demo.img");
  execFileSync("node", [join(root, "scripts/demo-image.mjs"), "--output", demo], { stdio: "pipe" });
});

describe("sector device", () => {
  it("reads 512-byte sectors of the file and counts them", () => {
    const device = new SectorDevice(demo);
    try {
      const file = readFileSync(demo);
      expect(device.sectorCount).toBe(32768);
      expect(Buffer.from(device.readSector(0)).equals(file.subarray(0, 512))).toBe(true);
      expect(Buffer.from(device.readSector(77)).equals(file.subarray(77 * 512, 78 * 512))).toBe(true);
      expect(device.sectorsRead).toBe(2);
      expect(() => device.readSector(32768)).toThrow(`${demo}: sector 32768 is past the end of the image (32768 sectors) (offset 0x1000000)`);
    } finally {
      device.close();
    }
  });
});

describePeers(["mdir", "mcopy"], "FAT16 driver", () => {
  itPeers(["mdir", "mcopy"], "reads every module of the demo image as mcopy does", () => {
    const listing = execFileSync("mdir", ["-b", "-i", demo, "::/"], { encoding: "utf8" }).trim().split("\n");
    expect(listing.length).toBe(14);
    const device = new SectorDevice(demo);
    try {
      const fat = new KernelFat(device);
      for (const path of listing) {
        const name = path.replace("::/", "");
        const found = fat.findModule(name);
        const extracted = execFileSync("mcopy", ["-n", "-i", demo, path, "-"]);
        expect(found.where).toBe(`${demo}:${name}`);
        expect(Buffer.from(found.bytes).equals(extracted), name).toBe(true);
      }
    } finally {
      device.close();
    }
  });
});

describe("address layout and pools", () => {
  it("places the regions with unmapped gaps", () => {
    expect(planLayout(DEFAULT_POOL_SIZES)).toEqual({
      metadata: { base: 0x00010000, size: 0x10000 },
      code: { base: 0x00030000, size: 0x400000 },
      data: { base: 0x00440000, size: 0x400000 },
      heap: { base: 0x00850000, size: 0x100000 },
      stack: { base: 0x00960000, size: 0x800000 },
    });
    expect(() => planLayout({ ...DEFAULT_POOL_SIZES, stack: 0xfff00000 })).toThrow(RangeError);
  });

  it("allocates aligned and refuses what does not fit with a kernel panic", () => {
    const allocator = new JitAllocator(planLayout({ ...DEFAULT_POOL_SIZES, code: 4096 }));
    const target = allocator.target(() => undefined);
    expect(target.allocateCode(10)).toBe(0x30000);
    expect(target.allocateCode(10)).toBe(0x30010);
    expect(target.allocateData(3, 1)).toBe(allocator.data.region.base);
    expect(target.allocateData(4, 8)).toBe(allocator.data.region.base + 8);
    let panic: unknown;
    try {
      target.allocateCode(4096);
    } catch (error) {
      panic = error;
    }
    expect(panic).toBeInstanceOf(KernelPanic);
    expect((panic as KernelPanic).message).toBe("out of memory in the code pool: 4096 bytes requested, 4064 of 4096 free (raise --code-pool)");
    expect(allocator.code.bytesUsed).toBe(26);
  });
});
