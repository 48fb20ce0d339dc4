// Copyright the terok-vault authors. MIT license.
/**
 * The deep walk's reader threads (`_deep_reader.ts`) and the order of their results.
 *
 * The walking thread links a directory's files into the private directory, checks the path
 * guard, and queues the links (`WalkState.queue`); they go to a reader in messages of
 * {@linkcode SEND_AT} links, across directories, while the walk goes on. Results are applied
 * strictly in walk order, with whatever the walk recorded in between, so the report is the
 * one the serial walk makes. At most {@linkcode MAX_HELD} files wait for their results at
 * once, and a reader answers in parts of about a MiB, which bounds the bytes in flight.
 *
 * A reader's `open` can be held up by a file lease (for up to the kernel's lease-break time,
 * 45 s by default). While the walking thread waits for a result it looks at the reader's
 * progress cells; an open still under way after {@linkcode OPEN_TIMEOUT_MS} makes that file
 * unread (as the serial walk's abandoned open does), the reader is terminated and replaced,
 * and the links it did not answer for (it unlinks only what it answered) go to the new one.
 */
import {
  type Linked,
  PROGRESS_BATCH,
  PROGRESS_INDEX,
  PROGRESS_OPENING,
  type ReadAnswer,
  type ReadResult,
  startReader,
} from "./_deep_reader.ts";
import { heldFiles, type Readers, type Slot, type WalkState } from "./_deep_state.ts";
import type { PrivateDir } from "./_private_dir.ts";
import { OPEN_TIMEOUT_MS } from "./_read_verified.ts";

/** How often the waiting walker looks at a reader's progress. */
const TICK_MS = 250;

/** Links per message to a reader. */
const SEND_AT = 128;

/** Files queued and not yet applied, at most; the walk waits above it. */
const MAX_HELD = 512;

/** Links sent to a reader in one message. */
interface Message {
  id: number;
  slots: Slot[];
  room: number;
  large: number;
  reader: Reader;
}

interface Reader {
  worker: Worker;
  progress: Int32Array;
  /** Messages sent and not wholly answered. */
  pending: Message[];
  /** Resolves the `end` handshake: every link the reader answered for is removed. */
  ended?: () => void;
}

/** The reader threads of one deep walk. */
export class ReaderPool implements Readers {
  readonly #readers: Reader[] = [];
  readonly #privateDir: PrivateDir;
  #next = 0;
  #ids = 0;
  /** Slots queued and not sent yet, with the room and large bound they go with. */
  #outgoing: Slot[] = [];
  #room = 0;
  #large = 0;
  /** Resolves the walker's wait when an answer arrives. */
  #wake: (() => void) | undefined;

  private constructor(privateDir: PrivateDir) {
    this.#privateDir = privateDir;
  }

  /**
   * Start `count` readers; undefined when the runtime starts none (the walk then reads on
   * its own thread).
   */
  static start(count: number, privateDir: PrivateDir): ReaderPool | undefined {
    const pool = new ReaderPool(privateDir);
    try {
      for (let i = 0; i < count; i++) pool.#readers.push(pool.#spawn());
    } catch {
      for (const reader of pool.#readers) reader.worker.terminate();
      return undefined;
    }
    return pool;
  }

  async submit(
    state: WalkState,
    files: Linked[],
    room: number,
    large: number,
    apply: (file: Linked, result: ReadResult) => Promise<void>,
  ): Promise<void> {
    if (this.#outgoing.length > 0 && (room !== this.#room || large !== this.#large)) {
      this.#send();
    }
    this.#room = room;
    this.#large = large;
    const slots = files.map((file): Slot => ({ file, result: undefined }));
    state.queue.push({
      kind: "files",
      slots,
      next: 0,
      apply: (slot) => apply(slot.file, slot.result!),
    });
    this.#outgoing.push(...slots);
    if (this.#outgoing.length >= SEND_AT) this.#send();
    await this.pump(state, MAX_HELD);
  }

  async pump(state: WalkState, held: number): Promise<void> {
    while (state.queue.length > 0) {
      const head = state.queue[0]!;
      if (head.kind === "files") {
        const slot = head.slots[head.next];
        if (slot !== undefined) {
          if (slot.result === undefined) {
            if (heldFiles(state) <= held) return;
            if (this.#outgoing.includes(slot)) this.#send();
            await this.#wait(slot);
          }
          state.applying = true;
          try {
            await head.apply(slot);
          } finally {
            state.applying = false;
          }
          slot.result = undefined; // its bytes can go
          head.next++;
          continue;
        }
      } else {
        state.applying = true;
        try {
          head.apply();
        } finally {
          state.applying = false;
        }
      }
      state.queue.shift();
    }
  }

  async close(state: WalkState): Promise<void> {
    try {
      await this.pump(state, 0);
    } finally {
      await Promise.all(this.#readers.map((reader) => this.#end(reader)));
    }
  }

  #spawn(): Reader {
    const { worker, progress } = startReader();
    const reader: Reader = { worker, progress, pending: [] };
    worker.onmessage = (event: MessageEvent) => {
      const data = event.data as ReadAnswer | { end: true };
      if ("end" in data) {
        reader.ended?.();
        return;
      }
      const message = reader.pending.find((sent) => sent.id === data.id);
      if (message === undefined) return;
      for (const [i, result] of data.results.entries()) {
        const slot = message.slots[data.start + i];
        if (slot !== undefined && slot.result === undefined) slot.result = result;
      }
      if (data.start + data.results.length >= message.slots.length) {
        reader.pending.splice(reader.pending.indexOf(message), 1);
      }
      this.#wake?.();
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#replace(reader, (slot) => {
        this.#privateDir.release(slot.file.linkPath);
        slot.result = { kind: "lost" };
      });
    };
    return reader;
  }

  /** Send the outgoing links to the next reader. */
  #send(slots: Slot[] = this.#outgoing.splice(0)): void {
    if (slots.length === 0) return;
    const reader = this.#readers[this.#next++ % this.#readers.length];
    if (reader === undefined) {
      for (const slot of slots) {
        this.#privateDir.release(slot.file.linkPath);
        slot.result = { kind: "lost" };
      }
      return;
    }
    const message: Message = {
      id: ++this.#ids,
      slots,
      room: this.#room,
      large: this.#large,
      reader,
    };
    reader.pending.push(message);
    reader.worker.postMessage({
      id: message.id,
      links: slots.map((slot) => slot.file.linkPath),
      room: message.room,
      large: message.large,
    });
  }

  /** Wait for a slot's result, giving up on a file whose open does not complete in time. */
  async #wait(slot: Slot): Promise<void> {
    let seen: Slot | undefined;
    let since = 0;
    while (slot.result === undefined) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const answered = new Promise<void>((done) => this.#wake = done);
      const tick = new Promise<void>((done) => timer = setTimeout(done, TICK_MS));
      await Promise.race([answered, tick]);
      clearTimeout(timer);
      this.#wake = undefined;
      if (slot.result !== undefined) return;
      const blocked = this.#blocked();
      if (blocked === undefined || blocked.slot !== seen) {
        seen = blocked?.slot;
        since = performance.now();
        continue;
      }
      if (performance.now() - since + TICK_MS < OPEN_TIMEOUT_MS) continue;
      blocked.slot.result = { kind: "timeout" };
      // The blocked open keeps the file; its private link goes now.
      this.#privateDir.release(blocked.slot.file.linkPath);
      this.#replace(blocked.reader, () => {});
      seen = undefined;
    }
  }

  /** A reader whose `open` is under way, and the file it is opening. */
  #blocked(): { reader: Reader; slot: Slot } | undefined {
    for (const reader of this.#readers) {
      const progress = reader.progress;
      if (Atomics.load(progress, PROGRESS_OPENING) !== 1) continue;
      const id = Atomics.load(progress, PROGRESS_BATCH);
      const message = reader.pending.find((sent) => sent.id === id);
      const slot = message?.slots[Atomics.load(progress, PROGRESS_INDEX)];
      if (slot !== undefined && slot.result === undefined) return { reader, slot };
    }
    return undefined;
  }

  /**
   * Terminate `reader` and start another in its place; the links it did not answer for go
   * to the new one, after `before` had its say on each.
   */
  #replace(reader: Reader, before: (slot: Slot) => void): void {
    reader.worker.onmessage = null;
    reader.worker.onerror = null;
    reader.worker.terminate();
    const slotAt = this.#readers.indexOf(reader);
    const orphans = reader.pending.splice(0);
    try {
      this.#readers[slotAt] = this.#spawn();
    } catch {
      this.#readers.splice(slotAt, 1);
    }
    for (const message of orphans) {
      const left = message.slots.filter((slot) => slot.result === undefined);
      for (const slot of left) before(slot);
      this.#room = message.room;
      this.#large = message.large;
      this.#send(left.filter((slot) => slot.result === undefined));
    }
    this.#wake?.();
  }

  async #end(reader: Reader): Promise<void> {
    const ended = new Promise<void>((done) => reader.ended = done);
    reader.worker.postMessage({ end: true });
    await ended;
    reader.worker.terminate();
  }
}
