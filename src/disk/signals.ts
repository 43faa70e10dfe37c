/**
 * Termination signals held while a command has an image locked (docs/JOURNAL.md, "Signals").
 *
 * SIGINT, SIGTERM and SIGHUP get a listener that only records the first one, so they cannot
 * stop the process in the middle of a commit or a recovery. A long transaction body calls
 * `checkpoint()` to stop early (it throws `Interrupted`, and nothing is written); `release()`
 * removes the listeners and raises the recorded signal again, now with its default action, so
 * the process ends as the signal asked -- after its caller has removed its lock files.
 */

const HELD_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Thrown by `checkpoint()` when a held signal asked the command to stop. */
export class Interrupted extends Error {}

export interface HeldSignals {
  /** Yields to the event loop (so that a signal can be seen); throws `Interrupted` if one came. */
  checkpoint(): Promise<void>;
  /** Stops holding; re-raises the first signal that arrived, if any. */
  release(): void;
}

/** Starts holding termination signals until `release()`. */
export function holdSignals(): HeldSignals {
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    received ??= signal;
  };
  for (const signal of HELD_SIGNALS) process.on(signal, handler);
  let released = false;
  return {
    async checkpoint() {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (received !== undefined) throw new Interrupted(`interrupted by ${received}`);
    },
    release() {
      if (released) return;
      released = true;
      for (const signal of HELD_SIGNALS) process.off(signal, handler);
      if (received !== undefined) process.kill(process.pid, received);
    },
  };
}
