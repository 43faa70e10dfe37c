/**
 * The protocol's framing (src/gdb/packets.ts): checksums, escapes, acknowledgements, the
 * interrupt byte, resynchronisation after junk, and a fuzz test: random bytes (and random
 * corruptions of valid packets) never throw, and a valid packet after any junk still decodes.
 */
import { describe, expect, it } from "vitest";
import { encodePacket, fromHex, hex32le, MAX_PACKET, PacketDecoder, type PacketEvent } from "../../src/gdb/packets.js";
import { Random } from "../emu/gen/random.js";

const bytes = (text: string): Uint8Array => Buffer.from(text, "latin1");
const feed = (text: string): PacketEvent[] => new PacketDecoder().feed(bytes(text));

describe("gdb packet framing", () => {
  it.each([
    ["$g#67", [{ kind: "packet", payload: "g" }]],
    ["$qSupported:multiprocess+#c6", [{ kind: "packet", payload: "qSupported:multiprocess+" }]],
    ["$g#68", [{ kind: "bad" }]],
    ["$g#zz", [{ kind: "bad" }]],
    ["+-\x03", [{ kind: "ack" }, { kind: "nack" }, { kind: "interrupt" }]],
    ["junk$?#3f", [{ kind: "packet", payload: "?" }]],
    ["$m0,4$g#67", [{ kind: "packet", payload: "g" }]],
    ["$X0,1:}]#f9", [{ kind: "packet", payload: "X0,1:}" }]],
  ])("%j", (input, events) => {
    expect(feed(input)).toEqual(events);
  });

  it("encodes with a checksum and escapes $ # } *", () => {
    expect(encodePacket("OK").toString("latin1")).toBe("$OK#9a");
    expect(encodePacket("").toString("latin1")).toBe("$#00");
    expect(encodePacket("a$#}*").toString("latin1")).toBe("$a}\x04}\x03}]}\x0a#c3");
    expect(feed(encodePacket("a$#}*").toString("latin1"))).toEqual([{ kind: "packet", payload: "a$#}*" }]);
  });

  it("decodes a packet split across chunks", () => {
    const decoder = new PacketDecoder();
    const whole = encodePacket("qXfer:features:read:target.xml:0,ffb");
    const events = [...whole].flatMap((byte) => decoder.feed(Uint8Array.of(byte)));
    expect(events).toEqual([{ kind: "packet", payload: "qXfer:features:read:target.xml:0,ffb" }]);
  });

  it("reports an overlong packet as bad and recovers", () => {
    const long = encodePacket("m".repeat(MAX_PACKET + 10)).toString("latin1");
    expect(feed(`${long}$g#67`)).toEqual([{ kind: "bad" }, { kind: "packet", payload: "g" }]);
  });

  it("hex helpers", () => {
    expect(hex32le(0x30010)).toBe("10000300");
    expect(fromHex("0a0B")).toEqual(Uint8Array.of(10, 11));
    expect(fromHex("abc")).toBeUndefined();
    expect(fromHex("zz")).toBeUndefined();
  });

  it("fuzz: random bytes and corrupted packets never throw; a valid packet after them decodes", () => {
    const random = new Random(12); // seeded, so a failure can be replayed
    for (let round = 0; round < 2000; round++) {
      const decoder = new PacketDecoder();
      const junk = Array.from({ length: random.int(0, 199) }, () => random.int(0, 255));
      if (round % 2 === 1) {
        const packet = [...encodePacket(`m${random.int(0, 999_999).toString(16)},4`)];
        packet[random.int(0, packet.length - 1)] = random.int(0, 255);
        junk.push(...packet);
      }
      const events = decoder.feed(Uint8Array.from(junk));
      for (const event of events) expect(["packet", "bad", "interrupt", "ack", "nack"]).toContain(event.kind);
      // Whatever state the junk left, "#00" ends any packet in progress, then a fresh one decodes.
      const after = decoder.feed(bytes("#00$g#67"));
      expect(after[after.length - 1]).toEqual({ kind: "packet", payload: "g" });
    }
  });
});
