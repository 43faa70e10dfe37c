/**
 * CRC-32 (IEEE 802.3, the zlib / PNG / Ethernet one): reflected polynomial 0xEDB88320,
 * initial value and final XOR 0xFFFFFFFF. The LLBC header stores it over the bitcode bytes.
 * Table-driven, one byte per step; the table is built once at load time.
 */

const POLYNOMIAL = 0xedb88320;

const TABLE: Uint32Array = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? (value >>> 1) ^ POLYNOMIAL : value >>> 1;
    table[index] = value >>> 0;
  }
  return table;
}

/** CRC-32 of `bytes`; `crc32(new TextEncoder().encode("123456789")) === 0xcbf43926`. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index++) {
    crc = TABLE[(crc ^ bytes[index]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
