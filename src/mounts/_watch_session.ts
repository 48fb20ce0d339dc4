// Copyright the terok-vault authors. MIT license.
/** The running state of one `watchMounts`: the poll loop, the periodic rescan, the ledger. */
import { cleanMounts } from "./clean_mounts.ts";
import { scanMounts } from "./scan_mounts.ts";
import type { CleanReport, CredentialTarget, DeepStats, ScanReport } from "./types.ts";
import { CredentialPoller } from "./_watch_poll.ts";
import { WatchLedger } from "./_watch_ledger.ts";
import type { RescanReason, WatchOptions } from "./watch_mounts.ts";

const DEFAULT_INTERVAL_MS = 300_000;
const DEFAULT_POLL_MS = 200;

/** One watch, from the first scan until the signal aborts; see `watchMounts`. */
export class WatchSession {
  readonly #mountsDir: string;
  readonly #targets: readonly CredentialTarget[];
  readonly #options: WatchOptions;
  readonly #intervalMs: number;
  readonly #pollMs: number;
  readonly #ledger = new WatchLedger();
  #poller: CredentialPoller | undefined;
  #nextFullAt = 0;

  constructor(mountsDir: string, targets: readonly CredentialTarget[], options: WatchOptions) {
    this.#mountsDir = mountsDir;
    this.#targets = targets;
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  /** Runs until the signal aborts; the inspection under way is always finished first. */
  async run(): Promise<void> {
    const signal = this.#options.signal;
    await this.#inspectAll("start");
    while (!signal?.aborted) {
      if (!(await this.#pause(signal))) break;
      if (Date.now() >= this.#nextFullAt) {
        await this.#inspectAll("interval");
        continue;
      }
      if (this.#poller === undefined) {
        // Nothing shared yet: one lstat a poll notices the mounts dir as soon as it appears.
        if (this.#mountsDirExists()) await this.#inspectAll("appeared");
        continue;
      }
      const due = this.#poller?.due(this.#targets) ?? [];
      // Files directly in a host dir first: a nested path that a container keeps changing
      // may hold its inspection for the quiet-path wait, and must not delay the others.
      const flat = due.filter((target) => !target.credentialFile.includes("/"));
      const nested = due.filter((target) => target.credentialFile.includes("/"));
      if (flat.length > 0) await this.#inspect(flat);
      if (nested.length > 0 && !signal?.aborted) await this.#inspect(nested);
    }
  }

  #mountsDirExists(): boolean {
    try {
      Deno.lstatSync(this.#mountsDir);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits one poll period; false when the signal aborted meanwhile. */
  #pause(signal: AbortSignal | undefined): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve(true);
      }, this.#pollMs);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  async #inspectAll(reason: RescanReason): Promise<void> {
    this.#nextFullAt = Date.now() + this.#intervalMs;
    const report = await this.#inspect(this.#targets);
    const deep = this.#options.deep;
    let deepStats: DeepStats | undefined;
    if (deep !== undefined) {
      // The credential paths were just judged (and cleaned); this walk is for the findings.
      const deepReport = await scanMounts(this.#mountsDir, this.#targets, { deep });
      deepStats = deepReport.deep;
      const events = this.#ledger.updateFindings(deepReport.findings ?? []);
      for (const event of events) this.#options.onEvent(event);
    }
    this.#options.onEvent({
      event: "rescan",
      reason,
      mountsDir: report.mountsDir,
      mountsDirExists: report.mountsDirExists,
      inspected: report.inspected,
      leaks: report.leaks.length - ("removed" in report ? report.removed.length : 0),
      ...(deepStats === undefined ? {} : { deep: deepStats }),
    });
  }

  async #inspect(targets: readonly CredentialTarget[]): Promise<ScanReport | CleanReport> {
    const poller = this.#poller;
    const startedAt = Date.now();
    const before = poller?.before(targets);
    const exposed = this.#options.exposed === undefined ? {} : { exposed: this.#options.exposed };
    const report = this.#options.clean
      ? await cleanMounts(this.#mountsDir, targets, {
        strip: this.#options.strip === true,
        ...exposed,
      })
      : await scanMounts(this.#mountsDir, targets, exposed);
    if (poller !== undefined && before !== undefined) poller.after(targets, before, startedAt);
    else if (report.mountsDirExists) {
      // The first look at an existing mounts dir: poll from its real path from now on. Until
      // it exists, the periodic rescan is what looks for it.
      this.#poller = new CredentialPoller(report.mountsDir);
      this.#poller.after(this.#targets, new Map(), startedAt);
    }
    for (const event of this.#ledger.update(targets, report)) this.#options.onEvent(event);
    return report;
  }
}
