/**
 * The commands of the GDB remote protocol that the server answers, as tables: one handler per
 * packet letter, and per query name for `q`, `Q` and `v` packets (GDB manual, "Packets",
 * "General Query Packets", "Stop Reply Packets"). A handler gets the packet without its letter
 * and returns a reply, or asks the server to resume, kill or detach. Unknown packets get the
 * empty reply (gdb then knows it is unsupported); malformed ones get `E22` (EINVAL), memory
 * that cannot be read or written `E14` (EFAULT).
 */
import { fromHex, hex32le, MAX_PACKET, toHex } from "./packets.js";
import { encodeRegisters, registerSize, REGISTER_COUNT, targetDescription } from "./registers.js";
import type { DebugTarget, StopEvent, WatchKind } from "./target.js";

export type Action =
  | { kind: "reply"; text: string }
  | { kind: "resume"; mode: "step" | "continue"; address?: number }
  | { kind: "kill" }
  | { kind: "detach" };

export interface Session {
  target: DebugTarget;
  /** Why the program last stopped (the answer to `?`). */
  lastStop: StopEvent;
  noAck: boolean;
}

type Handler = (session: Session, argument: string) => Action;

const INVALID = reply("E22");
const FAULT = reply("E14");
const OK = reply("OK");

function reply(text: string): Action {
  return { kind: "reply", text };
}

/**
 * The stop reply for an event: `T05thread:p1.1;`, `T05watch:addr;thread:p1.1;`, `W00`, `X0b`.
 * One process (pid 1) with one thread, in the multiprocess syntax, so that gdb names it
 * `process 1` as it does with qemu-i386's stub.
 */
export function stopReply(event: StopEvent): string {
  const signal = (value: number): string => value.toString(16).padStart(2, "0");
  if (event.kind === "exited") return `W${signal(event.status & 0xff)}`;
  if (event.kind === "killed") return `X${signal(event.signal)}`;
  let text = `T${signal(event.signal)}`;
  if (event.kind === "stopped" && event.watch !== undefined) text += `${event.watch.kind}:${(event.watch.address >>> 0).toString(16)};`;
  if (event.kind === "stopped" && event.swbreak === true) text += "swbreak:;";
  return `${text}thread:p1.1;`;
}

/** `addr,length` (hex) as numbers; undefined when malformed. */
function addressAndLength(text: string): [number, number] | undefined {
  const match = /^([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})$/.exec(text);
  return match === null ? undefined : [parseInt(match[1], 16), parseInt(match[2], 16)];
}

function readMemory(session: Session, argument: string): Action {
  const parsed = addressAndLength(argument);
  if (parsed === undefined || parsed[1] > MAX_PACKET / 2) return INVALID;
  try {
    return reply(toHex(session.target.readMemory(parsed[0], parsed[1])));
  } catch {
    return FAULT;
  }
}

function writeMemory(session: Session, argument: string, decode: (data: string) => Uint8Array | undefined): Action {
  const colon = argument.indexOf(":");
  const parsed = addressAndLength(colon < 0 ? "" : argument.slice(0, colon));
  const bytes = colon < 0 ? undefined : decode(argument.slice(colon + 1));
  if (parsed === undefined || bytes === undefined || bytes.length !== parsed[1]) return INVALID;
  try {
    if (bytes.length > 0) session.target.writeMemory(parsed[0], bytes);
    return OK;
  } catch {
    return FAULT;
  }
}

function writeRegisters(session: Session, argument: string): Action {
  const bytes = fromHex(argument);
  if (bytes === undefined || bytes.length < 40) return INVALID;
  const view = new DataView(bytes.buffer);
  for (let number = 0; number < 10; number++) session.target.writeRegister(number, view.getUint32(4 * number, true));
  return OK;
}

function readRegister(session: Session, argument: string): Action {
  const number = /^[0-9a-fA-F]{1,2}$/.test(argument) ? parseInt(argument, 16) : -1;
  if (number < 0 || number >= REGISTER_COUNT) return INVALID;
  return reply(number < 16 ? hex32le(session.target.readRegisters()[number]) : "00".repeat(registerSize(number)));
}

function writeRegister(session: Session, argument: string): Action {
  const match = /^([0-9a-fA-F]{1,2})=([0-9a-fA-F]*)$/.exec(argument);
  const number = match === null ? -1 : parseInt(match[1], 16);
  const bytes = match === null ? undefined : fromHex(match[2]);
  if (number < 0 || number >= REGISTER_COUNT || bytes === undefined || bytes.length !== registerSize(number)) return INVALID;
  if (number < 16) session.target.writeRegister(number, new DataView(bytes.buffer).getUint32(0, true));
  return OK;
}

const WATCH_KINDS: Record<string, WatchKind> = { "2": "watch", "3": "rwatch", "4": "awatch" };

/** Z/z: 0 software and 1 hardware breakpoints (both int3 here), 2-4 watchpoints. */
function breakpoint(insert: boolean): Handler {
  return (session, argument) => {
    const match = /^([0-4]),([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})$/.exec(argument.split(";")[0]);
    if (match === null) return INVALID;
    const [type, address, length] = [match[1], parseInt(match[2], 16), parseInt(match[3], 16)];
    const target = session.target;
    const watch = WATCH_KINDS[type];
    if (watch === undefined) {
      if (!insert) target.removeBreakpoint(address);
      return !insert || target.insertBreakpoint(address) ? OK : FAULT;
    }
    if (!insert) target.removeWatchpoint(watch, address, length);
    return !insert || target.insertWatchpoint(watch, address, length) ? OK : FAULT;
  };
}

function resume(mode: "step" | "continue"): Handler {
  return (_session, argument) => {
    // `c addr` / `s addr` resume at addr; `C sig` / `S sig` deliver a signal, ignored here.
    const address = /^[0-9a-fA-F]{1,8}$/.test(argument) && argument.length > 0 ? parseInt(argument, 16) : undefined;
    return { kind: "resume", mode, ...(address !== undefined ? { address } : {}) };
  };
}

function resumeWithSignal(mode: "step" | "continue"): Handler {
  return () => ({ kind: "resume", mode });
}

/** `vCont;s:1;c`: the first action decides (there is one thread). */
function vCont(_session: Session, argument: string): Action {
  if (argument === "?") return reply("vCont;c;C;s;S");
  const action = argument.split(";")[1]?.split(":")[0] ?? "";
  if (/^[cC]/.test(action)) return { kind: "resume", mode: "continue" };
  if (/^[sS]/.test(action)) return { kind: "resume", mode: "step" };
  return INVALID;
}

/** `qXfer:features:read:target.xml:offset,length` */
function features(_session: Session, argument: string): Action {
  const match = /^read:target\.xml:([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})$/.exec(argument);
  if (match === null) return reply("E00");
  const xml = targetDescription();
  const offset = parseInt(match[1], 16);
  const chunk = xml.slice(offset, offset + Math.min(parseInt(match[2], 16), MAX_PACKET / 2));
  return reply(`${offset + chunk.length >= xml.length ? "l" : "m"}${chunk}`);
}

const QUERIES: Record<string, Handler> = {
  Supported: () => reply(`PacketSize=${MAX_PACKET.toString(16)};multiprocess+;qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+`),
  "Xfer:features": (session, argument) => features(session, argument),
  Attached: () => reply("1"),
  C: () => reply("QCp1.1"),
  fThreadInfo: () => reply("mp1.1"),
  sThreadInfo: () => reply("l"),
  Symbol: () => OK,
};

const SETTINGS: Record<string, Handler> = {
  StartNoAckMode: (session) => {
    session.noAck = true;
    return OK;
  },
};

const VERBOSE: Record<string, Handler> = {
  Cont: vCont,
  Kill: () => ({ kind: "kill" }),
  MustReplyEmpty: () => reply(""),
};

/** Looks `name[:;,?]rest` up in a table of names; the longest matching prefix wins. */
function named(table: Record<string, Handler>): Handler {
  const names = Object.keys(table).sort((a, b) => b.length - a.length);
  return (session, argument) => {
    const name = names.find((candidate) => argument.startsWith(candidate) && /^($|[:;,?])/.test(argument.slice(candidate.length)));
    if (name === undefined) return reply("");
    const rest = argument.slice(name.length);
    return table[name](session, rest.startsWith(":") ? rest.slice(1) : rest);
  };
}

const COMMANDS: Record<string, Handler> = {
  "?": (session) => reply(stopReply(session.lastStop)),
  g: (session) => reply(encodeRegisters(session.target.readRegisters())),
  G: writeRegisters,
  p: readRegister,
  P: writeRegister,
  m: readMemory,
  M: (session, argument) => writeMemory(session, argument, fromHex),
  X: (session, argument) => writeMemory(session, argument, (data) => Uint8Array.from(data, (char) => char.charCodeAt(0))),
  Z: breakpoint(true),
  z: breakpoint(false),
  c: resume("continue"),
  s: resume("step"),
  C: resumeWithSignal("continue"),
  S: resumeWithSignal("step"),
  v: named(VERBOSE),
  q: named(QUERIES),
  Q: named(SETTINGS),
  H: () => OK,
  T: () => OK,
  k: () => ({ kind: "kill" }),
  D: () => ({ kind: "detach" }),
};

/** The action for one packet's payload. */
export function handlePacket(session: Session, payload: string): Action {
  const handler = COMMANDS[payload.charAt(0)];
  return handler === undefined ? reply("") : handler(session, payload.slice(1));
}
