// Copyright the terok-vault authors. MIT license.
/** The running state of one `watchMounts`: watcher, timers and inspections. */
import { cleanMounts } from "./clean_mounts.ts";
import { scanMounts } from "./scan_mounts.ts";
import type { CleanReport, CredentialTarget, ScanReport } from "./types.ts";
import { DirtyHostDirs } from "./_watch_dirty.ts";
import { WatchLedger } from "./_watch_ledger.ts";
import type { MountsWatcher, RescanReason, WatchOptions } from "./watch_mounts.ts";

const DEFAULT_INTERVAL_MS = 300_000;
const DEFAULT_DEBOUNCE_MS = 100;

/** What woke the loop. */
type Wake = "work" | "stop";

function defaultWatcher(path: string): MountsWatcher {
  return Deno.watchFs(path, { recursive: true });
}

/** An error as a short line: its message, never file content (the watcher's errors name paths). */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.slice(0, 300);
}

/** One watch, from the first scan until the signal aborts; see `watchMounts`. */
export class WatchSession {
  readonly #mountsDir: string;
  readonly #targets: readonly CredentialTarget[];
  readonly #byHostDir = new Map<string, CredentialTarget[]>();
  readonly #options: WatchOptions;
  readonly #intervalMs: number;
  readonly #debounceMs: number;
  readonly #ledger = new WatchLedger();
  #dirty: DirtyHostDirs | undefined;
  #watcher: MountsWatcher | undefined;
  #pump: Promise<void> = Promise.resolve();
  #degraded = false;
  #stopping = false;
  #due = false;
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #nextFullAt = 0;
  #wake: ((why: Wake) => void) | undefined;

  constructor(mountsDir: string, targets: readonly CredentialTarget[], options: WatchOptions) {
    this.#mountsDir = mountsDir;
    this.#targets = targets;
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    for (const target of targets) {
      const list = this.#byHostDir.get(target.hostDir) ?? [];
      list.push(target);
      this.#byHostDir.set(target.hostDir, list);
    }
  }

  /** Runs until the signal aborts; the inspection under way is always finished first. */
  async run(): Promise<void> {
    const signal = this.#options.signal;
    if (signal?.aborted) return;
    const onAbort = () => this.#wake?.("stop");
    signal?.addEventListener("abort", onAbort);
    try {
      // Watch first, so that nothing written during the first scan goes unseen.
      this.#startWatcher();
      await this.#inspectAll("start");
      while (!signal?.aborted) {
        const why = await this.#next();
        if (why === "stop" || signal?.aborted) break;
        await this.#work();
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.#stopping = true;
      clearTimeout(this.#debounce);
      try {
        this.#watcher?.close();
      } catch {
        // Already closed by its own failure.
      }
      await this.#pump;
    }
  }

  /** Waits for due work, the interval, or the stop signal. */
  #next(): Promise<Wake> {
    if (this.#due || Date.now() >= this.#nextFullAt) return Promise.resolve("work");
    return new Promise((resolve) => {
      const timer = setTimeout(() => done("work"), Math.max(0, this.#nextFullAt - Date.now()));
      const done = (why: Wake) => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve(why);
      };
      this.#wake = done;
    });
  }

  /** One round: a full rescan when it is time or events could not be placed, else the dirty dirs. */
  async #work(): Promise<void> {
    this.#due = false;
    const work = this.#dirty?.take() ?? { all: false, hostDirs: new Set<string>() };
    if (Date.now() >= this.#nextFullAt) return await this.#inspectAll("interval");
    if (work.all) return await this.#inspectAll("changes");
    const targets = [...work.hostDirs].flatMap((hostDir) => this.#byHostDir.get(hostDir) ?? []);
    if (targets.length > 0) await this.#inspect(targets);
  }

  async #inspectAll(reason: RescanReason): Promise<void> {
    this.#nextFullAt = Date.now() + this.#intervalMs;
    const report = await this.#inspect(this.#targets);
    if (this.#dirty === undefined && !this.#degraded && report.mountsDirExists) {
      // The mounts dir appeared since the last look: watch it, and rescan what the watcher
      // could not see before it started.
      this.#startWatcher();
      this.#dirty?.markAll();
      this.#schedule();
    }
    this.#options.onEvent({
      event: "rescan",
      reason,
      mountsDir: report.mountsDir,
      mountsDirExists: report.mountsDirExists,
      inspected: report.inspected,
      leaks: report.leaks.length - ("removed" in report ? report.removed.length : 0),
    });
  }

  async #inspect(targets: readonly CredentialTarget[]): Promise<ScanReport | CleanReport> {
    const report = this.#options.clean
      ? await cleanMounts(this.#mountsDir, targets)
      : await scanMounts(this.#mountsDir, targets);
    for (const event of this.#ledger.update(targets, report)) this.#options.onEvent(event);
    return report;
  }

  #startWatcher(): void {
    let real: string;
    try {
      real = Deno.realPathSync(this.#mountsDir);
    } catch (error) {
      // Nothing is shared yet: each full rescan tries again, and watches once it exists.
      if (error instanceof Deno.errors.NotFound) return;
      return this.#degrade(`the mounts dir cannot be watched: ${describe(error)}`);
    }
    this.#dirty = new DirtyHostDirs(
      [this.#mountsDir, real],
      (hostDir) => this.#byHostDir.has(hostDir),
    );
    let watcher: MountsWatcher;
    try {
      watcher = (this.#options.openWatcher ?? defaultWatcher)(real);
    } catch (error) {
      return this.#degrade(`the file-system watcher could not start: ${describe(error)}`);
    }
    this.#watcher = watcher;
    this.#pump = this.#drain(watcher, this.#dirty);
  }

  /** Turns events into dirty host dirs until the watcher ends or fails. */
  async #drain(watcher: MountsWatcher, dirty: DirtyHostDirs): Promise<void> {
    try {
      for await (const event of watcher) {
        if (event.flag === "rescan") {
          this.#degrade("the file-system watcher lost events (queue overflow)", false);
          dirty.markAll();
          this.#schedule();
          continue;
        }
        // Our own reads cause access events; content, names and metadata changes cause others.
        if (event.kind === "access") continue;
        let marked = false;
        for (const path of event.paths) marked = dirty.mark(path) || marked;
        if (marked) this.#schedule();
      }
      if (!this.#stopping) this.#degrade("the file-system watcher stopped");
    } catch (error) {
      if (!this.#stopping) this.#degrade(`the file-system watcher failed: ${describe(error)}`);
    }
  }

  /** Re-inspects the dirty host dirs once the debounce time has passed since the first event. */
  #schedule(): void {
    if (this.#debounce !== undefined || this.#stopping) return;
    this.#debounce = setTimeout(() => {
      this.#debounce = undefined;
      this.#due = true;
      this.#wake?.("work");
    }, this.#debounceMs);
  }

  /**
   * Tells once that events can no longer be relied on, and rescans everything now (events may
   * have been lost before the failure showed). When the watcher itself is gone, the periodic
   * full rescan is what is left.
   */
  #degrade(reason: string, watcherGone = true): void {
    if (watcherGone) {
      try {
        this.#watcher?.close();
      } catch {
        // Already closed.
      }
      this.#watcher = undefined;
    }
    if (!this.#degraded) {
      this.#degraded = true;
      this.#options.onEvent({ event: "watch_degraded", reason, intervalMs: this.#intervalMs });
    }
    this.#dirty?.markAll();
    this.#schedule();
  }
}
