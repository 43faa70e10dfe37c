/**
 * Floating-point constant text, value by value, against what llvm-dis-14 printed for the same
 * constants (`@fa = dso_local global float 0x3FB99999A0000000`, ...): decimal when six digits
 * round-trip, else hex of the double; x86_fp80 with 0xK.
 */
import { describe, expect, it } from "vitest";
import { formatFloat } from "../../src/ir/float-text.js";

function floatBits(value: number): bigint {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  return BigInt(view.getUint32(0));
}

function doubleBits(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0);
}

const floats: [number, string][] = [
  [0.1, "0x3FB99999A0000000"], [1e10, "1.000000e+10"], [3.14159, "0x400921FA00000000"], [-0, "-0.000000e+00"],
  [1e-45, "0x36A0000000000000"], [Infinity, "0x7FF0000000000000"], [123456, "1.234560e+05"],
  [1234567, "0x4132D68700000000"], [0.5, "5.000000e-01"], [0, "0.000000e+00"],
];

const doubles: [number, string][] = [
  [1e300, "1.000000e+300"], [0.3, "3.000000e-01"], [5e-324, "4.940660e-324"], [-2.5, "-2.500000e+00"],
  [1234567, "0x4132D68700000000"], [100, "1.000000e+02"], [1e6, "1.000000e+06"], [999999.5, "0x412E847F00000000"],
  [0.000125, "1.250000e-04"], [-Infinity, "0xFFF0000000000000"],
];

describe("formatFloat", () => {
  it.each(floats)("float %d prints as %s", (value, text) => {
    expect(formatFloat("float", floatBits(value))).toBe(text);
  });

  it.each(doubles)("double %d prints as %s", (value, text) => {
    expect(formatFloat("double", doubleBits(value))).toBe(text);
  });

  it("prints a float NaN widened to double, keeping its payload", () => {
    expect(formatFloat("float", 0x7fc00000n)).toBe("0x7FF8000000000000");
    expect(formatFloat("double", 0x7ff8000000000001n)).toBe("0x7FF8000000000001");
  });

  it.each([
    ["x86_fp80", 0x3fffc000000000000000n, "0xK3FFFC000000000000000"],
    ["half", 0x3c00n, "0xH3C00"],
    ["bfloat", 0x3f80n, "0xR3F80"],
    ["fp128", 0x3fff0000000000000000000000000000n, "0xL00000000000000003FFF000000000000"],
  ] as const)("%s bits %d print as %s", (kind, bits, text) => {
    expect(formatFloat(kind, bits)).toBe(text);
  });
});
