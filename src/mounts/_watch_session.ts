// Copyright the terok-vault authors. MIT license.
/**
 * The running state of one `watchMounts`: the poll loop, one lane of inspections per
 * provider, the periodic rescan, the ledger.
 */
import { cleanMounts } from "./clean_mounts.ts";
import { scanMounts } from "./scan_mounts.ts";
import type { CleanReport, CredentialTarget, DeepStats, ScanReport } from "./types.ts";
import { CredentialPoller } from "./_watch_poll.ts";
import { WatchLedger } from "./_watch_ledger.ts";
import type { RescanReason, WatchOptions } from "./_watch_types.ts";

const DEFAULT_INTERVAL_MS = 300_000;
const DEFAULT_POLL_MS = 200;

/** One watch, from the first scan until the signal aborts; see `watchMounts`. */
export class WatchSession {
  readonly #mountsDir: string;
  readonly #targets: readonly CredentialTarget[];
  /** The targets by provider, in roster order: each provider is one lane. */
  readonly #groups: ReadonlyMap<string, readonly CredentialTarget[]>;
  readonly #options: WatchOptions;
  readonly #intervalMs: number;
  readonly #pollMs: number;
  readonly #ledger = new WatchLedger();
  /** Per provider: the end of its lane (the last inspection queued in it). */
  readonly #lanes = new Map<string, Promise<unknown>>();
  /** Per provider: inspections queued or running in its lane. */
  readonly #queued = new Map<string, number>();
  #rescan: Promise<void> | undefined;
  #poller: CredentialPoller | undefined;
  #nextFullAt = 0;

  constructor(mountsDir: string, targets: readonly CredentialTarget[], options: WatchOptions) {
    this.#mountsDir = mountsDir;
    this.#targets = targets;
    const groups = new Map<string, CredentialTarget[]>();
    for (const target of targets) {
      const group = groups.get(target.provider);
      if (group === undefined) groups.set(target.provider, [target]);
      else group.push(target);
    }
    this.#groups = groups;
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  /**
   * Runs until the signal aborts; the inspections under way are always finished first.
   *
   * Each provider's credential paths are inspected in its own lane, one inspection at a time;
   * a lane that is busy (an open a file lease holds up, a nested path that must be quiet
   * first) holds up no other lane: while it waits, the others take their turns.
   */
  async run(): Promise<void> {
    const signal = this.#options.signal;
    await this.#inspectAll("start");
    while (!signal?.aborted) {
      if (!(await this.#pause(signal))) break;
      if (this.#rescan === undefined && Date.now() >= this.#nextFullAt) {
        this.#startRescan("interval");
      }
      if (this.#poller === undefined) {
        // Nothing shared yet: one lstat a poll notices the mounts dir as soon as it appears.
        if (this.#rescan === undefined && this.#mountsDirExists()) this.#startRescan("appeared");
        continue;
      }
      const poller = this.#poller;
      for (const [provider, group] of this.#groups) {
        // A busy lane has an inspection of these very paths coming.
        if (this.#queued.has(provider)) continue;
        if (poller.due(group).length > 0) void this.#inLane(provider, group);
      }
    }
    await this.#rescan;
    await Promise.all(this.#lanes.values());
  }

  #startRescan(reason: RescanReason): void {
    this.#rescan = this.#inspectAll(reason).finally(() => this.#rescan = undefined);
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

  /** Every lane inspected once (after what is queued in it), then the rescan event. */
  async #inspectAll(reason: RescanReason): Promise<void> {
    this.#nextFullAt = Date.now() + this.#intervalMs;
    const reports = this.#groups.size === 0 ? [await this.#inspect([])] : await Promise.all(
      [...this.#groups].map(([provider, group]) => this.#inLane(provider, group)),
    );
    const deep = this.#options.deep;
    let deepStats: DeepStats | undefined;
    if (deep !== undefined) {
      // The credential paths were just judged (and cleaned); this walk is for the findings.
      const deepReport = await scanMounts(this.#mountsDir, this.#targets, {
        deep,
        ...this.#unsafe(),
      });
      deepStats = deepReport.deep;
      const events = this.#ledger.updateFindings(deepReport.findings ?? []);
      for (const event of events) this.#options.onEvent(event);
    }
    const first = reports[0]!;
    let inspected = 0;
    let leaks = 0;
    for (const report of reports) {
      inspected += report.inspected;
      leaks += report.leaks.length - ("removed" in report ? report.removed.length : 0);
    }
    this.#options.onEvent({
      event: "rescan",
      reason,
      mountsDir: first.mountsDir,
      mountsDirExists: first.mountsDirExists,
      inspected,
      leaks,
      ...(deepStats === undefined ? {} : { deep: deepStats }),
    });
  }

  /** `unsafeOpenByName` for the scans, when the watch was given it. */
  #unsafe(): { unsafeOpenByName?: true } {
    return this.#options.unsafeOpenByName === true ? { unsafeOpenByName: true } : {};
  }

  /** Queues an inspection of one provider's paths in its lane. */
  #inLane(
    provider: string,
    group: readonly CredentialTarget[],
  ): Promise<ScanReport | CleanReport> {
    this.#queued.set(provider, (this.#queued.get(provider) ?? 0) + 1);
    const previous = this.#lanes.get(provider) ?? Promise.resolve();
    const report = previous.then(() => this.#inspect(group));
    const end = report.then(() => {}, () => {}).finally(() => {
      const left = (this.#queued.get(provider) ?? 1) - 1;
      if (left > 0) this.#queued.set(provider, left);
      else this.#queued.delete(provider);
      if (this.#lanes.get(provider) === end) this.#lanes.delete(provider);
    });
    this.#lanes.set(provider, end);
    return report;
  }

  async #inspect(targets: readonly CredentialTarget[]): Promise<ScanReport | CleanReport> {
    const poller = this.#poller;
    const startedAt = Date.now();
    const before = poller?.before(targets);
    const exposed = this.#options.exposed === undefined ? {} : { exposed: this.#options.exposed };
    const report = this.#options.clean
      ? await cleanMounts(this.#mountsDir, targets, {
        strip: this.#options.strip === true,
        ...(this.#options.spare === undefined ? {} : { spare: this.#options.spare }),
        ...exposed,
        ...this.#unsafe(),
      })
      : await scanMounts(this.#mountsDir, targets, { ...exposed, ...this.#unsafe() });
    if (poller !== undefined && before !== undefined) poller.after(targets, before, startedAt);
    else if (report.mountsDirExists) {
      // The first look at an existing mounts dir: poll from its real path from now on. Until
      // it exists, the periodic rescan is what looks for it.
      this.#poller ??= new CredentialPoller(report.mountsDir);
      this.#poller.after(targets, new Map(), startedAt);
    }
    for (const event of this.#ledger.update(targets, report)) this.#options.onEvent(event);
    return report;
  }
}
