/**
 * Guest faults and stop reasons: what `Machine.run` returns instead of throwing.
 *
 * Inside the machine, a fault or a stop travels as a thrown `FaultSignal` / `StopSignal` (the hot
 * path then needs no checks); `run` catches them and returns a `StopReason`. Host exceptions
 * never escape `run` for anything the guest does. A fault carries the faulting instruction's
 * bytes and its disassembly by iced-x86 (Intel syntax), which is loaded lazily (about 44 ms)
 * the first time a fault is reported.
 */
import { createRequire } from "node:module";
import { hex } from "./memory.js";

export type Access = "read" | "write" | "execute";

export type FaultKind = "divide-error" | "invalid-opcode" | "page-fault" | "general-protection" | "breakpoint";

export interface GuestFault {
  kind: FaultKind;
  /** Address of the faulting instruction. */
  eip: number;
  /** For page faults: the address that could not be accessed. */
  address?: number;
  access?: Access;
  /** The faulting instruction's bytes (up to 15; empty when they cannot be read). */
  instructionBytes: Uint8Array;
  /** iced-x86 Intel-syntax disassembly of those bytes ("" when they cannot be read). */
  disassembly: string;
  /** One line, e.g. `page fault writing 0x00000000 at eip 0x08049012: mov dword ptr [eax],1`. */
  message: string;
}

export type StopReason =
  | { kind: "halt" }
  | { kind: "exit"; status: number }
  | { kind: "fault"; fault: GuestFault }
  | { kind: "step-limit"; executed: number }
  | { kind: "service-stop"; value: number };

/** Thrown inside the machine for a guest fault; `run` turns it into a GuestFault. */
export class FaultSignal extends Error {
  constructor(
    readonly kind: FaultKind,
    readonly address?: number,
    readonly access?: Access,
    readonly detail?: string,
  ) {
    super(address === undefined ? kind : `${kind} ${access ?? ""} 0x${hex(address)}`);
  }

  static page(address: number, access: Access): FaultSignal {
    return new FaultSignal("page-fault", address >>> 0, access);
  }
}

/** Thrown inside the machine to stop it (exit, hlt, a service asking to stop). */
export class StopSignal extends Error {
  constructor(readonly reason: StopReason) {
    super(reason.kind);
  }
}

const FAULT_WORDS: Record<FaultKind, string> = {
  "divide-error": "divide error",
  "invalid-opcode": "invalid opcode",
  "page-fault": "page fault",
  "general-protection": "general protection fault",
  breakpoint: "breakpoint",
};

const ACCESS_WORDS: Record<Access, string> = { read: "reading", write: "writing", execute: "executing" };

/** Builds the GuestFault record for a signal raised by the instruction at `eip`. */
export function describeFault(signal: FaultSignal, eip: number, instructionBytes: Uint8Array): GuestFault {
  const disassembly = instructionBytes.length > 0 ? disassemble(instructionBytes, eip) : "";
  let what = FAULT_WORDS[signal.kind];
  if (signal.address !== undefined && signal.access !== undefined) {
    what += ` ${ACCESS_WORDS[signal.access]} 0x${hex(signal.address)}`;
  }
  if (signal.detail !== undefined) what += ` (${signal.detail})`;
  const text = disassembly === "" ? "" : `: ${disassembly}`;
  const fault: GuestFault = {
    kind: signal.kind,
    eip: eip >>> 0,
    instructionBytes,
    disassembly,
    message: `${what} at eip 0x${hex(eip)}${text}`,
  };
  if (signal.address !== undefined) fault.address = signal.address;
  if (signal.access !== undefined) fault.access = signal.access;
  return fault;
}

interface IcedModule {
  Decoder: new (bitness: number, data: Uint8Array, options: number) => IcedDecoder;
  DecoderOptions: { None: number };
  Formatter: new (syntax: number) => IcedFormatter;
  FormatterSyntax: { Intel: number };
}
interface IcedInstruction {
  free(): void;
  readonly length: number;
}
interface IcedDecoder {
  ip: bigint;
  decode(): IcedInstruction;
  free(): void;
}
interface IcedFormatter {
  format(instruction: IcedInstruction): string;
  free(): void;
}

let iced: IcedModule | undefined;

/** Intel-syntax text of the first instruction in `bytes`, decoded at `address`, by iced-x86. */
export function disassemble(bytes: Uint8Array, address: number): string {
  iced ??= createRequire(import.meta.url)("iced-x86") as IcedModule;
  const decoder = new iced.Decoder(32, bytes, iced.DecoderOptions.None);
  const formatter = new iced.Formatter(iced.FormatterSyntax.Intel);
  try {
    decoder.ip = BigInt(address >>> 0);
    const instruction = decoder.decode();
    try {
      return formatter.format(instruction);
    } finally {
      instruction.free();
    }
  } finally {
    formatter.free();
    decoder.free();
  }
}
