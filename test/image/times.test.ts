/**
 * ls formats FAT times without a Date for speed; it must agree with decodeDosDateTime
 * (dostime.ts) on every date word and a spread of time words, valid or not.
 */
import { describe, expect, it } from "vitest";
import { decodeDosDateTime } from "../../src/fat/dostime.js";
import { formatDosDateTime } from "../../src/image/list.js";

describe("formatDosDateTime", () => {
  it.each([
    [0x576e, 0xb1aa, "2023-11-14T22:13:20Z"],
    [0x0021, 0x0000, "1980-01-01T00:00:00Z"],
    [0x0000, 0x0000, "1980-01-01T00:00:00Z"],
    [0x285d, 0x0000, "2000-02-29T00:00:00Z"],
    [0xff9f, 0xbf7d, "2107-12-31T23:59:58Z"],
  ])("date %i time %i is %s", (date, time, text) => {
    expect(formatDosDateTime(date, time)).toBe(text);
  });

  it("agrees with decodeDosDateTime everywhere", () => {
    let mismatches = 0;
    for (let date = 0; date < 65536; date++) {
      for (let time = date % 17; time < 65536; time += 4099) {
        const expected = decodeDosDateTime(date, time).toISOString().replace(".000Z", "Z");
        if (formatDosDateTime(date, time) !== expected) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});
