/**
 * The simulated kernel's run of a module as something gdb debugs: what each way the run can
 * stop means to gdb, and the run's result when the session is over.
 *
 * | the run | gdb sees |
 * |---|---|
 * | the entry returns N, or kexit(N) | `W00` (exited normally; mkimg prints `fib returned N`) |
 * | page fault, general protection | `T0b` SIGSEGV at the faulting instruction; resuming: `X0b` |
 * | divide error / invalid opcode (`ud2`) / int3 in the module | `T08` SIGFPE / `T04` SIGILL / `T05` |
 * | kpanic, kabort, a service's kernel panic | `T06` SIGABRT after the service |
 * | --max-steps reached | `T18` SIGXCPU |
 *
 * A fatal stop keeps the panic for the result: the run ends with it (status 3) when gdb
 * resumes, kills or disconnects. Killing a live program ends the run as `killed`.
 */
import type { Machine, StopReason } from "../emu/machine.js";
import type { FaultKind } from "../emu/faults.js";
import type { KernelStop, Outcome, PreparedRun } from "../kernel/kernel.js";
import { KernelPanic } from "../kernel/panic.js";
import type { RunResult } from "../kernel/kernel.js";
import type { Execution, RunStop } from "./machine-target.js";
import { SIGNALS, type StopEvent } from "./target.js";

const FAULT_SIGNALS: Record<FaultKind, number> = {
  "page-fault": SIGNALS.SIGSEGV,
  "general-protection": SIGNALS.SIGSEGV,
  "divide-error": SIGNALS.SIGFPE,
  "invalid-opcode": SIGNALS.SIGILL,
  breakpoint: SIGNALS.SIGTRAP,
};

export class KernelExecution implements Execution {
  readonly machine: Machine;
  /** How the run ended, once it did (or stopped fatally). */
  private outcome: Outcome | undefined;
  private runMs = 0;

  constructor(private readonly prepared: PreparedRun) {
    this.machine = prepared.machine;
  }

  run(steps: number): RunStop {
    const remaining = this.prepared.maxSteps - this.machine.instructionsExecuted;
    if (remaining <= 0) return { kind: "step-limit", executed: 0 };
    const started = performance.now();
    try {
      return this.machine.run({ maxSteps: Math.min(steps, remaining) });
    } catch (error) {
      if (error instanceof KernelPanic) return { kind: "panic", error };
      throw error;
    } finally {
      this.runMs += performance.now() - started;
    }
  }

  meaning(stop: RunStop): StopEvent | undefined {
    if (stop.kind === "step-limit" && this.machine.instructionsExecuted < this.prepared.maxSteps) return undefined;
    const outcome = this.prepared.outcome(kernelStop(stop));
    this.outcome = outcome;
    // mkimg's exit status for the run (0), as the native harness exits: the value is in its output.
    if (outcome.ending === "returned" || outcome.ending === "exited") return { kind: "exited", status: 0 };
    return { kind: "fatal", signal: fatalSignal(stop) };
  }

  end(): void {
    this.outcome ??= { ending: "killed", value: 0 };
  }

  /** The run's result; a run still going counts as killed. */
  result(): RunResult {
    return this.prepared.finish(this.outcome ?? { ending: "killed", value: 0 }, this.runMs);
  }
}

function kernelStop(stop: RunStop): KernelStop {
  if (stop.kind !== "panic") return stop;
  if (stop.error instanceof KernelPanic) return stop.error;
  throw stop.error;
}

function fatalSignal(stop: RunStop | StopReason): number {
  if (stop.kind === "fault") return FAULT_SIGNALS[stop.fault.kind];
  if (stop.kind === "step-limit") return SIGNALS.SIGXCPU;
  if (stop.kind === "exit" || stop.kind === "halt") return SIGNALS.SIGSEGV;
  return SIGNALS.SIGABRT;
}
