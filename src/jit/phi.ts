/**
 * Phi nodes become copies on control-flow edges: on the edge from P to B, every phi of B
 * receives its incoming value for P. The copies are one parallel move (a phi may read another
 * phi of the same block, as in a loop that swaps two variables), sequenced here:
 * emit any move whose destination no pending move still reads; when none is ready, every
 * pending move is on a cycle: save one destination in edx, redirect its reader to edx, and the
 * cycle unwinds as a chain. Moves are 32-bit words (an i64 phi is two moves) between virtual
 * registers, or frame memory for aggregates and integers over 64 bits; eax carries them.
 */
import type { BasicBlock } from "../ir/index.js";
import { Reg } from "./x86/registers.js";
import type { Mem } from "./x86/operands.js";
import { type VReg, isVReg } from "./mir/mir.js";
import type { FunctionCompiler, Source } from "./lower/context.js";

export interface Move { destination: VReg | Mem; source: Source | "edx" }

/** One number per location a move reads or writes: a virtual register, or an ebp slot word. */
function locationKey(operand: VReg | Mem): number {
  return isVReg(operand) ? 2 * operand.vreg : 2 * operand.disp + 1;
}

/** The word moves for the edge `from` -> `to`. */
export function edgeMoves(c: FunctionCompiler, from: BasicBlock, to: BasicBlock): Move[] {
  const moves: Move[] = [];
  for (const phi of to.instructions) {
    if (phi.opcode !== "phi") break;
    const value = c.incoming(phi, from);
    if (value === undefined) continue;
    const words = c.words(phi.type);
    if (words === 1) c.bits(phi.type, phi);
    for (let half = 0; half < words; half++) {
      const source = c.source(value, half);
      const destination = c.result(phi, half);
      if (source.kind === "rm" && locationKey(source.rm) === locationKey(destination)) continue;
      moves.push({ destination, source });
    }
  }
  return moves;
}

/** The location a move reads, if it reads one. */
function readLocation(move: Move): number | undefined {
  return move.source !== "edx" && move.source.kind === "rm" ? locationKey(move.source.rm) : undefined;
}

function writtenLocation(move: Move): number {
  return locationKey(move.destination);
}

function emitMove(c: FunctionCompiler, move: Move): void {
  const target = move.destination;
  const source = move.source;
  if (source === "edx") c.mir.mov(32, target, Reg.edx);
  else if (source.kind === "imm") c.mir.mov(32, target, source.imm);
  else {
    if (source.kind === "addr") c.mir.lea(Reg.eax, source.mem);
    else c.mir.mov(32, Reg.eax, source.rm);
    c.mir.mov(32, target, Reg.eax);
  }
}

/**
 * Sequence and emit a parallel move in linear time: a move is ready when no pending move
 * reads its destination; emitting it may make the move that writes its source ready. What is
 * left when nothing is ready are cycles, each broken by saving one destination in edx.
 */
export function emitParallelMoves(c: FunctionCompiler, moves: Move[]): void {
  const readers = new Map<number, number>();
  const writer = new Map<number, Move>();
  for (const move of moves) {
    writer.set(writtenLocation(move), move);
    const slot = readLocation(move);
    if (slot !== undefined) readers.set(slot, (readers.get(slot) ?? 0) + 1);
  }
  const done = new Set<Move>();
  const ready = moves.filter((move) => (readers.get(writtenLocation(move)) ?? 0) === 0).reverse();
  const drain = (): void => {
    for (let move = ready.pop(); move !== undefined; move = ready.pop()) {
      if (done.has(move)) continue;
      done.add(move);
      emitMove(c, move);
      const slot = readLocation(move);
      if (slot === undefined) continue;
      const left = readers.get(slot)! - 1;
      readers.set(slot, left);
      const next = writer.get(slot);
      if (left === 0 && next !== undefined && !done.has(next)) ready.push(next);
    }
  };
  drain();
  for (const move of moves) {
    if (done.has(move)) continue;
    // move is on a cycle: its destination is still read by the move before it on the cycle.
    c.mir.mov(32, Reg.edx, move.destination);
    for (let reader = writer.get(readLocation(move)!); reader !== undefined && !done.has(reader); reader = writer.get(readLocation(reader)!)) {
      if (readLocation(reader) === writtenLocation(move)) {
        reader.source = "edx";
        readers.set(writtenLocation(move), 0);
        break;
      }
    }
    ready.push(move);
    drain();
  }
}
