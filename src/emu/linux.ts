/**
 * Running static i386 Linux programs: the initial process image and a minimal system call set.
 *
 * `runElf` loads an ET_EXEC image (elf.ts), builds the stack Linux gives a new process (argc,
 * argv, an empty environment unless given, the auxiliary vector with AT_PHDR, AT_ENTRY,
 * AT_PAGESZ, AT_RANDOM..., ESP 16-byte aligned; 8 MiB of stack below 0xC0000000 with unmapped
 * guard pages under it) and runs it. System calls through `int 0x80` (EAX = number, EBX ECX EDX
 * ESI EDI EBP = arguments, result or -errno in EAX):
 *   1 exit, 252 exit_group, 3 read (fd 0 from `stdin`), 4 write and 146 writev (fds 1 and 2),
 *   45 brk, 90 mmap and 192 mmap2 (anonymous only), 91 munmap, 6 close, 20 getpid,
 *   54 ioctl (-ENOTTY); every other number returns -ENOSYS.
 */
import { performance } from "node:perf_hooks";
import { StopSignal, type StopReason } from "./faults.js";
import { loadElf, parseElf, type ElfImage } from "./elf.js";
import { Machine } from "./machine.js";
import { PAGE_SIZE, READ, WRITE, type Memory } from "./memory.js";

export const STACK_TOP = 0xc0000000;
export const STACK_SIZE = 8 * 1024 * 1024;
/** Anonymous mmap areas are handed out downwards from here. */
const MMAP_TOP = 0xb0000000;

const ENOSYS = 38;
const EBADF = 9;
const EFAULT = 14;
const EINVAL = 22;
const ENOMEM = 12;
const ENOTTY = 25;

export interface RunElfOptions {
  /** Names the program in errors. */
  file: string;
  /** The full argument vector, argv[0] included (default: [file]). */
  argv?: string[];
  /** Environment strings "NAME=value" (default: none). */
  env?: string[];
  maxSteps?: number;
  /** Called with each write to fd 1 (the bytes are also collected in the result). */
  stdout?: (bytes: Uint8Array) => void;
  /** Called with each write to fd 2. */
  stderr?: (bytes: Uint8Array) => void;
  /** What reads from fd 0 return (default: end of file). */
  stdin?: Uint8Array;
  /** Translate hot blocks to JavaScript (default true); false runs the plain interpreter. */
  translate?: boolean;
  /** Translate a block when it starts for the this-many-th time (default 16; 1: at once, for tests). */
  translateAfter?: number;
}

export interface RunElfResult {
  /** The status passed to exit / exit_group (low 8 bits), undefined if the program did not exit. */
  exitCode: number | undefined;
  stdout: Uint8Array;
  stderr: Uint8Array;
  stop: StopReason;
  instructions: number;
  seconds: number;
}

/** Loads and runs a static i386 ELF. Throws InputError for a bad file; guest faults are in `stop`. */
export function runElf(image: Uint8Array, options: RunElfOptions): RunElfResult {
  const elf = parseElf(image, options.file);
  const machine = new Machine();
  machine.userMode = true;
  machine.translation = options.translate ?? true;
  if (options.translateAfter !== undefined) machine.translateAfter = options.translateAfter;
  loadElf(machine.memory, image, elf);
  const process = new LinuxProcess(machine, elf, options);
  machine.regs[4] = buildStack(machine.memory, elf, options.argv ?? [options.file], options.env ?? []);
  machine.eip = elf.entry;
  const start = performance.now();
  const stop = machine.run({ maxSteps: options.maxSteps });
  const seconds = (performance.now() - start) / 1000;
  return {
    exitCode: stop.kind === "exit" ? stop.status : undefined,
    stdout: concat(process.stdout),
    stderr: concat(process.stderr),
    stop,
    instructions: machine.instructionsExecuted,
    seconds,
  };
}

/** Builds the initial stack; returns ESP (pointing at argc). */
export function buildStack(memory: Memory, elf: ElfImage, argv: string[], env: string[]): number {
  memory.map(STACK_TOP - STACK_SIZE, STACK_SIZE, READ | WRITE);
  const encoder = new TextEncoder();
  let top = STACK_TOP;
  const putBytes = (bytes: Uint8Array): number => {
    top -= bytes.length;
    memory.load(top, bytes);
    return top;
  };
  const putString = (text: string) => putBytes(Uint8Array.from([...encoder.encode(text), 0]));
  top -= 4; // Linux leaves a NULL word at the very top
  const execfn = putString(argv[0] ?? "");
  const envPointers = env.map(putString);
  const argPointers = argv.map(putString);
  const random = putBytes(Uint8Array.from({ length: 16 }, (_, k) => (k * 37 + 11) & 0xff));
  const auxv = [
    [3, elf.programHeaderAddress], [4, 32], [5, elf.programHeaderCount], [6, PAGE_SIZE], [7, 0], [8, 0],
    [9, elf.entry], [11, 1000], [12, 1000], [13, 1000], [14, 1000], [23, 0], [25, random], [31, execfn], [0, 0],
  ].flat();
  const words = [argv.length, ...argPointers, 0, ...envPointers, 0, ...auxv];
  top = (top - words.length * 4) & ~15;
  words.forEach((word, k) => memory.poke32(top + 4 * k, word));
  return top;
}

class LinuxProcess {
  readonly stdout: Uint8Array[] = [];
  readonly stderr: Uint8Array[] = [];
  private brkStart: number;
  private brk: number;
  private mmapNext = MMAP_TOP;
  private stdinOffset = 0;

  constructor(private readonly machine: Machine, elf: ElfImage, private readonly options: RunElfOptions) {
    this.brkStart = this.brk = Math.ceil(elf.end / PAGE_SIZE) * PAGE_SIZE;
    machine.interruptHandler = (_m, vector) => {
      if (vector !== 0x80) return false;
      machine.regs[0] = this.systemCall(machine.regs[0]);
      return true;
    };
  }

  private systemCall(number: number): number {
    const r = this.machine.regs;
    switch (number) {
      case 1:
      case 252: throw new StopSignal({ kind: "exit", status: r[3] & 0xff });
      case 3: return this.read(r[3], r[1] >>> 0, r[2] >>> 0);
      case 4: return this.write(r[3], r[1] >>> 0, r[2] >>> 0);
      case 6: return 0;
      case 20: return 1;
      case 45: return this.setBrk(r[3] >>> 0);
      case 54: return -ENOTTY;
      case 90: return this.oldMmap(r[3] >>> 0);
      case 91: return this.munmap(r[3] >>> 0, r[1] >>> 0);
      case 146: return this.writev(r[3], r[1] >>> 0, r[2]);
      case 192: return this.mmap(r[1] >>> 0, r[2], r[6]);
      default: return -ENOSYS;
    }
  }

  /** Guest bytes [address, address + length) if all readable, else undefined (-EFAULT). */
  private guestBytes(address: number, length: number): Uint8Array | undefined {
    const memory = this.machine.memory;
    for (let page = address - (address % PAGE_SIZE); page < address + length; page += PAGE_SIZE) {
      if (!(memory.permissions(page) & READ)) return undefined;
    }
    return memory.readBytes(address, length);
  }

  private write(fd: number, address: number, length: number): number {
    if (fd !== 1 && fd !== 2) return -EBADF;
    const bytes = this.guestBytes(address, length);
    if (bytes === undefined) return -EFAULT;
    (fd === 1 ? this.stdout : this.stderr).push(bytes);
    const sink = fd === 1 ? this.options.stdout : this.options.stderr;
    sink?.(bytes);
    return length;
  }

  private writev(fd: number, vector: number, count: number): number {
    if (count < 0 || count > 1024) return -EINVAL;
    const entries = this.guestBytes(vector, count * 8);
    if (entries === undefined) return -EFAULT;
    const view = new DataView(entries.buffer);
    let total = 0;
    for (let k = 0; k < count; k++) {
      const written = this.write(fd, view.getUint32(8 * k, true), view.getUint32(8 * k + 4, true));
      if (written < 0) return written;
      total += written;
    }
    return total;
  }

  private read(fd: number, address: number, length: number): number {
    if (fd !== 0) return -EBADF;
    const input = this.options.stdin ?? new Uint8Array(0);
    const chunk = input.subarray(this.stdinOffset, this.stdinOffset + length);
    const memory = this.machine.memory;
    for (let page = address - (address % PAGE_SIZE); page < address + chunk.length; page += PAGE_SIZE) {
      if (!(memory.permissions(page) & WRITE)) return -EFAULT;
    }
    memory.writeBytes(address, chunk);
    this.stdinOffset += chunk.length;
    return chunk.length;
  }

  private setBrk(requested: number): number {
    if (requested < this.brkStart || requested >= MMAP_TOP - 0x10000000) return this.brk;
    const oldEnd = Math.ceil(this.brk / PAGE_SIZE) * PAGE_SIZE;
    const newEnd = Math.ceil(requested / PAGE_SIZE) * PAGE_SIZE;
    if (newEnd > oldEnd) this.machine.memory.map(oldEnd, newEnd - oldEnd, READ | WRITE);
    else if (newEnd < oldEnd) this.machine.memory.unmap(newEnd, oldEnd - newEnd);
    this.brk = requested;
    return requested;
  }

  private oldMmap(block: number): number {
    const args = this.guestBytes(block, 24);
    if (args === undefined) return -EFAULT;
    const view = new DataView(args.buffer);
    const offset = view.getUint32(20, true);
    if (offset % PAGE_SIZE !== 0) return -EINVAL;
    return this.mmap(view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true));
  }

  private mmap(length: number, prot: number, flags: number): number {
    const MAP_ANONYMOUS = 0x20;
    if (!(flags & MAP_ANONYMOUS) || length === 0) return -EINVAL;
    const size = Math.ceil(length / PAGE_SIZE) * PAGE_SIZE;
    if (this.mmapNext - size < this.brk + 0x1000000) return -ENOMEM;
    this.mmapNext -= size;
    const permissions = (prot & 1 ? READ : 0) | (prot & 2 ? WRITE : 0) | (prot & 4 ? 4 : 0);
    this.machine.memory.map(this.mmapNext, size, permissions);
    return this.mmapNext | 0;
  }

  private munmap(address: number, length: number): number {
    if (address % PAGE_SIZE !== 0) return -EINVAL;
    this.machine.memory.unmap(address, length);
    return 0;
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
