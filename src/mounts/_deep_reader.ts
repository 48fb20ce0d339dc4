// Copyright the terok-vault authors. MIT license.
/**
 * The deep scan's reader threads: Web Workers that take private links (absolute paths in the
 * private directory, which no container can reach), `lstat` each, open and read the regular
 * ones, and hand the bytes back as transferred buffers; then they unlink the links. The
 * walking thread keeps the working directory, the links and the path guard; the detector
 * runs on the walking thread over the bytes handed back.
 *
 * The worker's code is one self-contained function started from a `blob:` URL: it imports
 * nothing, so it needs no read grant on the program's own files (a worker loading a `file:`
 * module does), and it runs with the permissions of the thread that started it, revoked
 * grants included.
 *
 * Loaded only by a deep walk (a dynamic import), never by plain `scan`.
 */

/** A file of the mount hard-linked into the private directory, not yet looked at. */
export interface Linked {
  /** Its name in its directory. */
  name: string;
  /** Its absolute path in the mount (for the report). */
  path: string;
  /** The private link's absolute path. */
  linkPath: string;
}

/** What the walking thread asks of a reader: read these private links in order. */
export interface ReadRequest {
  /** Batch number, echoed in the answer and written into the progress cells. */
  id: number;
  /** Absolute paths of private links. */
  links: string[];
  /** At most this many bytes of a file are read (`bound + 1` tells a longer file). */
  room: number;
  /** A file of at least this many bytes is left to the walking thread (read in chunks). */
  large: number;
}

/** What a reader found at one private link. */
export type ReadResult =
  | { kind: "read"; data: ArrayBuffer }
  | { kind: "large" | "symlink" | "special" | "absent" }
  | { kind: "error"; name: string; code: string | undefined }
  | { kind: "timeout" }
  | { kind: "lost" };

/** A reader's answer to part of one {@linkcode ReadRequest}: the results from `start` on. */
export interface ReadAnswer {
  id: number;
  start: number;
  results: ReadResult[];
}

/** Cells of the progress array each reader writes: batch, index in it, and the phase. */
export const PROGRESS_BATCH = 0;
/** Index of the file being handled in its batch. */
export const PROGRESS_INDEX = 1;
/** 1 while an `open` is under way, else 0. */
export const PROGRESS_OPENING = 2;

/**
 * The reader's body. It runs in a worker and must stay self-contained: no imports, no
 * closure over this module (it is started from its source text).
 */
function readerMain(): void {
  // deno-lint-ignore no-explicit-any
  const scope = self as any;
  let progress: Int32Array | undefined;
  scope.onmessage = (event: MessageEvent) => {
    const data = event.data;
    if (data.progress !== undefined) {
      progress = new Int32Array(data.progress);
      return;
    }
    if (data.end === true) {
      scope.postMessage({ end: true });
      return;
    }
    const request = data as ReadRequest;
    let start = 0;
    let results: ReadResult[] = [];
    let transfer: ArrayBuffer[] = [];
    let held = 0;
    // Answered in parts of about a MiB, each part's links unlinked only after it is sent: a
    // reader given up on (a blocked open) leaves the links it did not answer for.
    const answer = () => {
      scope.postMessage({ id: request.id, start, results } satisfies ReadAnswer, transfer);
      for (let i = 0; i < results.length; i++) {
        if (results[i]!.kind === "large") continue;
        try {
          Deno.removeSync(request.links[start + i]!);
        } catch {
          // Left for the next run's stale-link clean-up; nothing a container can reach.
        }
      }
      start += results.length;
      results = [];
      transfer = [];
      held = 0;
    };
    const failed = (error: unknown): ReadResult => {
      const { name, code } = error as { name?: unknown; code?: unknown };
      if (name === "NotFound") return { kind: "absent" };
      return {
        kind: "error",
        name: typeof name === "string" ? name : "Error",
        code: typeof code === "string" ? code : undefined,
      };
    };
    for (let i = 0; i < request.links.length; i++) {
      if (held >= 1 << 20) answer();
      const link = request.links[i]!;
      if (progress !== undefined) {
        Atomics.store(progress, 0, request.id);
        Atomics.store(progress, 1, i);
      }
      let info: Deno.FileInfo;
      try {
        info = Deno.lstatSync(link);
      } catch (error) {
        results.push(failed(error));
        continue;
      }
      if (!info.isFile) {
        results.push({ kind: info.isSymlink ? "symlink" : "special" });
        continue;
      }
      if (info.size >= request.large) {
        results.push({ kind: "large" });
        continue;
      }
      let file: Deno.FsFile;
      try {
        if (progress !== undefined) Atomics.store(progress, 2, 1);
        file = Deno.openSync(link, { read: true });
      } catch (error) {
        results.push(failed(error));
        continue;
      } finally {
        if (progress !== undefined) Atomics.store(progress, 2, 0);
      }
      try {
        const room = Math.min(request.room, Math.max(info.size + 1, 4096));
        let buffer = new Uint8Array(room);
        let filled = 0;
        for (;;) {
          if (filled === buffer.length) {
            if (buffer.length >= request.room) break;
            const grown = new Uint8Array(Math.min(request.room, buffer.length * 2));
            grown.set(buffer);
            buffer = grown;
          }
          const count = file.readSync(buffer.subarray(filled));
          if (count === null || count === 0) break;
          filled += count;
        }
        if (filled >= request.large) {
          results.push({ kind: "large" });
          continue;
        }
        const bytes = filled === buffer.length ? buffer.buffer : buffer.buffer.slice(0, filled);
        results.push({ kind: "read", data: bytes as ArrayBuffer });
        transfer.push(bytes as ArrayBuffer);
        held += filled;
      } catch (error) {
        results.push(failed(error));
      } finally {
        file.close();
      }
    }
    answer();
  };
}

/** The reader's source, as a `blob:` URL (made once per process). */
let sourceUrl: string | undefined;

/**
 * Start one reader thread, with its progress cells.
 *
 * @returns The worker and the progress array it writes.
 * @throws When the runtime cannot start a worker.
 */
export function startReader(): { worker: Worker; progress: Int32Array } {
  sourceUrl ??= URL.createObjectURL(
    new Blob([`(${readerMain.toString()})();`], { type: "application/javascript" }),
  );
  const worker = new Worker(sourceUrl, { type: "module" });
  const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  worker.postMessage({ progress: shared });
  return { worker, progress: new Int32Array(shared) };
}
