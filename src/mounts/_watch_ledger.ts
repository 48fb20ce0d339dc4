// Copyright the terok-vault authors. MIT license.
/**
 * What a watch has already told: each leak, skip and observation is reported once, and again
 * only when it changes (path plus the fingerprints of its evidence).
 */
import type { CleanReport, CredentialTarget, Finding, Leak, ScanReport } from "./types.ts";
import type { WatchEvent } from "./_watch_types.ts";

/** Path plus what identifies the secrets in it, never the secrets themselves. */
function signature(item: Leak | Finding): string {
  const marks = item.evidence.map((e) => `${e.rule}|${e.keyPath ?? ""}|${e.fingerprint ?? ""}`);
  return JSON.stringify([item.path, marks.sort()]);
}

/** One leak as an event, with its evidence. */
function leakEvent(
  kind: "leak" | "removed" | "exposed",
  leak: Leak,
  more: { notRemoved?: string; otherLinks?: number; quarantine?: string | undefined } = {},
): WatchEvent {
  return {
    event: kind,
    provider: leak.provider,
    path: leak.path,
    evidence: [...leak.evidence],
    ...(more.notRemoved === undefined ? {} : { notRemoved: more.notRemoved }),
    ...(more.otherLinks ? { otherLinks: more.otherLinks } : {}),
    ...(more.quarantine === undefined ? {} : { quarantine: more.quarantine }),
  };
}

interface Known {
  provider: string;
  signature: string;
}

/** The memory of one watch: bounded by the roster (one entry per target at most). */
export class WatchLedger {
  readonly #leaks = new Map<string, Known>();
  readonly #skips = new Map<string, string>();
  readonly #notes = new Map<string, string>();
  readonly #findings = new Map<string, string>();

  /**
   * Turns the findings of one deep scan of everything into the events not told before, and
   * forgets the findings it no longer shows.
   */
  updateFindings(findings: readonly Finding[]): WatchEvent[] {
    const events: WatchEvent[] = [];
    const now = new Map(findings.map((finding) => [finding.path, signature(finding)] as const));
    for (const finding of findings) {
      const mark = now.get(finding.path)!;
      if (this.#findings.get(finding.path) === mark) continue;
      events.push({
        event: "finding",
        provider: finding.provider,
        path: finding.path,
        evidence: [...finding.evidence],
      });
    }
    this.#findings.clear();
    for (const [path, mark] of now) this.#findings.set(path, mark);
    return events;
  }

  /**
   * Turns one inspection of `targets` into the events not told before, and forgets what
   * those targets no longer show (so it is told again if it comes back).
   */
  update(targets: readonly CredentialTarget[], report: ScanReport | CleanReport): WatchEvent[] {
    const providers = new Set(targets.map((t) => t.provider));
    const events: WatchEvent[] = [];
    const removed = new Map(
      "removed" in report ? report.removed.map((l) => [l.path, l] as const) : [],
    );
    const failed = new Map(
      "failed" in report ? report.failed.map((f) => [f.path, f.reason] as const) : [],
    );
    const seenLeaks = new Set<string>();
    for (const leak of report.exposed ?? []) {
      seenLeaks.add(leak.path);
      const mark = `${signature(leak)}\0exposed`;
      if (this.#leaks.get(leak.path)?.signature === mark) continue;
      this.#leaks.set(leak.path, { provider: leak.provider, signature: mark });
      events.push(leakEvent("exposed", leak));
    }
    for (const leak of report.leaks) {
      if (removed.has(leak.path)) {
        // A removal is an act, told every time it happens.
        const done = removed.get(leak.path)!;
        const quarantine = done.quarantined?.id;
        events.push(leakEvent("removed", leak, { otherLinks: done.otherLinks, quarantine }));
        this.#leaks.delete(leak.path);
        continue;
      }
      seenLeaks.add(leak.path);
      const notRemoved = failed.get(leak.path);
      const mark = signature(leak) + (notRemoved === undefined ? "" : "\0not-removed");
      if (this.#leaks.get(leak.path)?.signature === mark) continue;
      this.#leaks.set(leak.path, { provider: leak.provider, signature: mark });
      events.push(leakEvent("leak", leak, notRemoved === undefined ? {} : { notRemoved }));
    }
    for (const [path, known] of this.#leaks) {
      if (providers.has(known.provider) && !seenLeaks.has(path)) this.#leaks.delete(path);
    }

    const skipsNow = new Map(report.skipped.map((s) => [s.provider, s.reason] as const));
    for (const [provider, reason] of skipsNow) {
      if (this.#skips.get(provider) === reason) continue;
      this.#skips.set(provider, reason);
      events.push({ event: "skipped", provider, reason });
    }
    const notesNow = new Map<string, string>();
    for (const note of report.observations) {
      if (note.kind === "escape") continue; // told by its skip
      const mark = `${note.kind}\0${note.path}`;
      notesNow.set(note.provider, mark);
      if (this.#notes.get(note.provider) === mark) continue;
      this.#notes.set(note.provider, mark);
      events.push({ event: "observation", ...note });
    }
    for (const provider of providers) {
      if (!skipsNow.has(provider)) this.#skips.delete(provider);
      if (!notesNow.has(provider)) this.#notes.delete(provider);
    }
    return events;
  }
}
