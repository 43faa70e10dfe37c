/**
 * 8.3 short names and FAT timestamps, table-driven with exact values.
 */
import { describe, expect, it } from "vitest";
import { decodeDosDateTime, encodeDosDateTime } from "../../src/fat/dostime.js";
import { shortNameChecksum } from "../../src/fat/direntry.js";
import { decodeCodePage437, formatShortName, isValidShortName, kernelLookupName, shortNameFromFile, toShortName } from "../../src/fat/names.js";

describe("short names", () => {
  it.each([
    ["FIB.BC", true], ["README", true], ["A1_~$!#.X-Y", true], ["12345678.123", true],
    ["fib.bc", false], ["123456789.BC", false], ["FIB.BCXY", false], ["A.B.C", false], ["FIB.", false],
    [".BC", false], ["", false], ["FI B.BC", false], ["FIB+.BC", false], ["CAFÉ.BC", false],
  ])("isValidShortName(%j) is %s", (name, valid) => {
    expect(isValidShortName(name)).toBe(valid);
  });

  it.each([
    ["fib.bc", "FIB     BC "], ["FIB.BC", "FIB     BC "], ["readme", "README     "], ["sha256.mod", "SHA256  MOD"],
    ["fibonacci.bc", undefined], ["a.b.c", undefined], ["my file.bc", undefined],
  ])("toShortName(%j) is %j", (name, raw) => {
    expect(toShortName(name)).toBe(raw);
  });

  it.each([
    ["modules/fib.O2.bc", "BC", undefined],
    ["modules/fib.bc", "BC", "FIB.BC"],
    ["/x/sha256.bc", "BC", "SHA256.BC"],
    ["quicksort.bc", "MOD", undefined],
    ["primes.bc", "MOD", "PRIMES.MOD"],
    ["Makefile", "", "MAKEFILE"],
    ["fibonacci.bc", "BC", undefined],
    ["matrix_mul.bc", "BC", undefined],
    ["gemm tile.bc", "BC", undefined],
  ])("shortNameFromFile(%j, %j) is %j", (file, extension, name) => {
    expect(shortNameFromFile(file, extension)).toBe(name);
  });

  it("formats raw entry bytes, 0x05 standing for 0xE5 and code page 437 above 0x7F", () => {
    const raw = (text: string) => Uint8Array.from(text, (character) => character.charCodeAt(0));
    expect(formatShortName(raw("FIB     BC "))).toBe("FIB.BC");
    expect(formatShortName(raw("README     "))).toBe("README");
    expect(formatShortName(Uint8Array.of(0x05, 0x41, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x42, 0x20, 0x20))).toBe("σA.B");
    expect(decodeCodePage437([0x43, 0x90, 0x82, 0xe1, 0xff])).toBe("CÉéß\u00a0");
  });

  it.each([
    ["FIBONACCI.MOD", "FIBONACCMOD"], ["fib.bc", "FIB     BC "], ["sum", "SUM        "], ["a.long.name.bcx", "A.LONG.NBCX"],
  ])("BareFlow looks up %j as %j", (requested, raw) => {
    expect(kernelLookupName(requested)).toBe(raw);
  });

  it("computes VFAT checksums as Microsoft's specification does", () => {
    // mtools wrote checksum 0x42 for ALONGN~1.TXT (seen in an image it made).
    expect(shortNameChecksum(Uint8Array.from("ALONGN~1TXT", (character) => character.charCodeAt(0)))).toBe(0x42);
  });
});

describe("FAT timestamps (UTC)", () => {
  it.each([
    ["2015-03-14T09:26:53Z", 0x466e, 0x4b5a, "2015-03-14T09:26:52.000Z"],
    ["1980-01-01T00:00:00Z", 0x0021, 0x0000, "1980-01-01T00:00:00.000Z"],
    ["2107-12-31T23:59:59Z", 0xff9f, 0xbf7d, "2107-12-31T23:59:58.000Z"],
    ["1970-01-01T00:00:00Z", 0x0021, 0x0000, "1980-01-01T00:00:00.000Z"],
    ["2200-01-01T00:00:00Z", 0x0021, 0x0000, "1980-01-01T00:00:00.000Z"],
  ])("%s is date %i time %i", (when, date, time, back) => {
    expect(encodeDosDateTime(new Date(when))).toEqual({ date, time });
    expect(decodeDosDateTime(date, time).toISOString()).toBe(back);
  });
});
