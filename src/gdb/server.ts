/**
 * The gdb server: listens on HOST:PORT, takes one connection, and serves the remote protocol
 * for one DebugTarget until the program ends, gdb kills it or detaches, or the connection drops.
 *
 *   socket bytes -> PacketDecoder (packets.ts) -> `+` ack -> handlePacket (commands.ts)
 *   -> a reply packet, or: resume the target in slices of SLICE instructions (yielding to the
 *   event loop between slices so that gdb's interrupt byte, 0x03, is seen) -> the stop reply.
 *
 * Whatever happens on the connection, the session's promise settles: a dropped connection
 * kills the target, and an exit or kill closes the socket.
 */
import { createServer, type Server, type Socket } from "node:net";
import { handlePacket, stopReply, type Action, type Session } from "./commands.js";
import { encodePacket, PacketDecoder, type PacketEvent } from "./packets.js";
import { SIGNALS, type DebugTarget, type StopEvent } from "./target.js";

/** Instructions per slice of a `continue` (a few milliseconds). */
const SLICE = 200_000;

/** How a debugging session ended. */
export type SessionEnd = "ended" | "killed" | "detached" | "disconnected";

export interface Listening {
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Settles when the session is over (the listener is closed by then). */
  session: Promise<SessionEnd>;
}

/** Binds HOST:PORT; rejects with the system error (EADDRINUSE, EACCES...) when it cannot. */
export async function listenForGdb(host: string, port: number, target: DebugTarget): Promise<Listening> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : port;
  return { port: bound, session: acceptOne(server, target) };
}

function acceptOne(server: Server, target: DebugTarget): Promise<SessionEnd> {
  return new Promise((resolve) => {
    server.once("connection", (socket) => {
      server.close();
      new Connection(socket, target, resolve).start();
    });
  });
}

class Connection {
  private readonly decoder = new PacketDecoder();
  private readonly session: Session;
  private readonly queue: PacketEvent[] = [];
  private busy = false;
  private interrupted = false;
  private finished = false;
  private lastSent: Buffer | undefined;
  /** Set when the session is closing on purpose (so the socket's close is not a drop). */
  private ending: SessionEnd | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly target: DebugTarget,
    private readonly done: (end: SessionEnd) => void,
  ) {
    this.session = { target, lastStop: { kind: "stopped", signal: SIGNALS.SIGTRAP }, noAck: false };
  }

  start(): void {
    this.socket.setNoDelay(true);
    this.socket.on("data", (chunk: Buffer) => this.receive(chunk));
    this.socket.on("close", () => this.finish(this.ending ?? "disconnected"));
    this.socket.on("error", () => this.finish(this.ending ?? "disconnected"));
  }

  private receive(chunk: Buffer): void {
    for (const event of this.decoder.feed(chunk)) {
      if (event.kind === "interrupt") this.interrupted = true;
      else this.queue.push(event);
    }
    if (!this.busy) void this.drain();
  }

  /** Handles queued events one at a time (a `continue` takes many event-loop turns). */
  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (!this.finished && this.queue.length > 0) await this.handle(this.queue.shift()!);
    } finally {
      this.busy = false;
    }
  }

  private async handle(event: PacketEvent): Promise<void> {
    if (event.kind === "nack") {
      if (this.lastSent !== undefined) this.socket.write(this.lastSent);
      return;
    }
    if (event.kind === "bad") {
      if (!this.session.noAck) this.socket.write("-");
      return;
    }
    if (event.kind !== "packet") return;
    if (!this.session.noAck) this.socket.write("+");
    await this.act(handlePacket(this.session, event.payload));
  }

  private async act(action: Action): Promise<void> {
    if (action.kind === "reply") this.send(action.text);
    else if (action.kind === "kill") {
      this.target.kill();
      this.send("OK");
      this.close("killed");
    } else if (action.kind === "detach") {
      this.target.detach();
      this.send("OK");
      this.close("detached");
    } else {
      if (action.address !== undefined) this.target.writeRegister(8, action.address);
      const event = action.mode === "step" ? this.target.step() : await this.continueRun();
      this.stopped(event);
    }
  }

  private async continueRun(): Promise<StopEvent> {
    this.interrupted = false;
    for (;;) {
      const event = this.target.resume(SLICE);
      if (event !== undefined) return event;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.finished) return { kind: "killed", signal: SIGNALS.SIGINT };
      if (this.interrupted) return { kind: "stopped", signal: SIGNALS.SIGINT };
    }
  }

  private stopped(event: StopEvent): void {
    this.session.lastStop = event;
    this.send(stopReply(event));
    if (event.kind === "exited" || event.kind === "killed") this.close("ended");
  }

  private send(text: string): void {
    if (this.finished) return;
    this.lastSent = encodePacket(text);
    this.socket.write(this.lastSent);
  }

  /** Ends the session after what was sent is flushed. */
  private close(end: SessionEnd): void {
    if (this.finished || this.ending !== undefined) return;
    this.ending = end;
    this.socket.end(() => this.finish(end));
    setTimeout(() => this.finish(end), 1000).unref();
  }

  private finish(end: SessionEnd): void {
    if (this.finished) return;
    this.finished = true;
    if (end === "disconnected") this.target.kill();
    this.socket.destroy();
    this.done(end);
  }
}
