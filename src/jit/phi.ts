/**
 * Phi nodes become copies on control-flow edges: on the edge from P to B, every phi of B
 * receives its incoming value for P. The copies are one parallel move (a phi may read another
 * phi of the same block, as in a loop that swaps two variables), sequenced here:
 * emit any move whose destination no pending move still reads; when none is ready, every
 * pending move is on a cycle: save one destination in edx, redirect its reader to edx, and the
 * cycle unwinds as a chain. Moves are 32-bit words (an i64 phi is two moves); eax carries them.
 */
import type { BasicBlock } from "../ir/index.js";
import { Reg } from "./x86/registers.js";
import { mem } from "./x86/operands.js";
import type { FunctionCompiler, Source } from "./lower/context.js";

export interface Move { destination: number; source: Source | "edx" }

/** The word moves for the edge `from` -> `to` (ebp offsets of the phi slots). */
export function edgeMoves(c: FunctionCompiler, from: BasicBlock, to: BasicBlock): Move[] {
  const moves: Move[] = [];
  for (const phi of to.instructions) {
    if (phi.opcode !== "phi") break;
    const index = phi.blocks.indexOf(from);
    if (index < 0) continue;
    const value = phi.operands[index]!;
    const slot = c.frame.slots.get(phi)!;
    const words = c.words(phi.type);
    if (words === 1) c.bits(phi.type, phi);
    for (let half = 0; half < words; half++) {
      const source = c.source(value, half);
      const destination = slot + 4 * half;
      if (source.kind === "mem" && source.mem.base === Reg.ebp && source.mem.disp === destination) continue;
      moves.push({ destination, source });
    }
  }
  return moves;
}

function readsSlot(move: Move, slot: number): boolean {
  return move.source !== "edx" && move.source.kind === "mem" && move.source.mem.base === Reg.ebp && move.source.mem.disp === slot;
}

function emitMove(c: FunctionCompiler, move: Move): void {
  const target = mem(Reg.ebp, move.destination);
  const source = move.source;
  if (source === "edx") c.asm.mov(32, target, Reg.edx);
  else if (source.kind === "imm") c.asm.mov(32, target, source.imm);
  else {
    if (source.kind === "addr") c.asm.lea(Reg.eax, source.mem);
    else c.asm.mov(32, Reg.eax, source.mem);
    c.asm.mov(32, target, Reg.eax);
  }
}

/** Sequence and emit a parallel move. Linear in practice: each round emits or breaks a cycle. */
export function emitParallelMoves(c: FunctionCompiler, moves: Move[]): void {
  const pending = moves.slice();
  const readers = new Map<number, number>();
  for (const move of pending) if (move.source !== "edx" && move.source.kind === "mem") readers.set(move.source.mem.disp, (readers.get(move.source.mem.disp) ?? 0) + 1);
  const readCount = (slot: number): number => readers.get(slot) ?? 0;
  while (pending.length > 0) {
    const ready = pending.findIndex((move) => readCount(move.destination) === 0);
    if (ready >= 0) {
      const [move] = pending.splice(ready, 1);
      emitMove(c, move!);
      if (move!.source !== "edx" && move!.source.kind === "mem") readers.set(move!.source.mem.disp, readCount(move!.source.mem.disp) - 1);
      continue;
    }
    const blocked = pending[0]!.destination;
    c.asm.mov(32, Reg.edx, mem(Reg.ebp, blocked));
    for (const move of pending) {
      if (readsSlot(move, blocked)) {
        move.source = "edx";
        readers.set(blocked, readCount(blocked) - 1);
      }
    }
  }
}
