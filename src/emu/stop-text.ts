/**
 * How a stop reason reads on the command line and which exit status it gives. A guest fault
 * exits with 128 + the signal Linux would deliver for it, as a shell reports a native crash.
 */
import type { FaultKind, StopReason } from "./faults.js";

const SIGNAL_OF: Record<FaultKind, number> = {
  "divide-error": 8, // SIGFPE
  "invalid-opcode": 4, // SIGILL
  "page-fault": 11, // SIGSEGV
  "general-protection": 11, // SIGSEGV
  breakpoint: 5, // SIGTRAP
};

export const STEP_LIMIT_STATUS = 124;

export function exitStatusOf(stop: StopReason): number {
  switch (stop.kind) {
    case "exit": return stop.status;
    case "fault": return 128 + SIGNAL_OF[stop.fault.kind];
    case "step-limit": return STEP_LIMIT_STATUS;
    case "halt": return 128 + 11; // hlt is privileged: Linux sends SIGSEGV
    case "service-stop": return stop.value & 0xff;
  }
}

/** One line about an abnormal stop, or undefined for a normal exit. */
export function describeStop(stop: StopReason): string | undefined {
  switch (stop.kind) {
    case "exit": return undefined;
    case "fault": return stop.fault.message;
    case "step-limit": return `stopped after ${stop.executed} instructions (--max-steps)`;
    case "halt": return "halted (hlt)";
    case "service-stop": return `stopped by a host service with value ${stop.value}`;
  }
}
