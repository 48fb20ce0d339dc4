/**
 * The `watch` command: guard the shared mounts until SIGINT or SIGTERM.
 *
 * @module
 */

import type { Evidence } from "../detect/types.ts";
import type { ItemMarks } from "../allow/types.ts";
import {
  type Acceptance,
  evidenceMarkJson,
  evidenceMarkText,
  itemMarkJson,
  itemMarkText,
  loadAcceptance,
  NO_ACCEPTANCE,
} from "./_acceptance.ts";
import { type DeepOptions, type DeepStats, type WatchEvent, watchMounts } from "../mounts/mod.ts";
import { credentialTargets } from "../roster/mod.ts";
import { deepProviders } from "./_deep_providers.ts";
import { loadCommandRoster } from "./_load_roster.ts";
import { printError, printNote } from "./_messages.ts";
import { type CliIo, writeLine } from "./cli_io.ts";
import { EXIT_USAGE } from "./exit_usage.ts";
import type { FileInvocation, Locations } from "./locations.ts";
import type { Roster } from "../roster/mod.ts";

type WatchInvocation = Extract<FileInvocation, { command: "watch" }>;

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Why an exposed file is told but never removed. */
const EXPOSED_ON_PURPOSE = "exposed on purpose by terok's config.yml; never removed";

/**
 * Runs `watch`: one full scan (or clean), then re-inspects what changes, printing one line (or
 * one JSON object) per event, until SIGINT or SIGTERM; then finishes the inspection under way,
 * closes the watcher and returns 0. It never exits the process itself.
 *
 * Requires `--allow-read` on the roster directories and the mounts dir, and with `--clean`
 * `--allow-write` on the mounts dir (the grants of `scan`, or of `clean`).
 *
 * @param invocation The parsed `watch` command line.
 * @param locations Its absolute paths.
 * @param io Where to write.
 * @param exposed Roster entries whose credential file terok's config.yml exposes on purpose:
 * told as `exposed`, never removed.
 * @returns 0 once stopped by a signal; 2 when the mounts dir named by `--mounts-dir` does not
 * exist.
 * @throws {RosterError} When the roster cannot be loaded.
 *
 * @example Watch and clean the default mounts dir
 * ```ts ignore
 * import { runWatch } from "./run_watch.ts";
 * import { processIo } from "./cli_io.ts";
 * await runWatch(
 *   { command: "watch", json: true, clean: true, deep: false, intervalSeconds: 300, roster: { noUser: false } },
 *   { userDir: null, mountsDir: "/var/lib/terok/sandbox-live/mounts" },
 *   processIo(),
 * );
 * ```
 */
export async function runWatch(
  invocation: WatchInvocation,
  locations: Locations,
  io: CliIo,
  exposed: readonly string[] = [],
): Promise<number> {
  const roster = await loadCommandRoster(locations, io);
  const targets = credentialTargets(roster);
  const mountsDir = locations.mountsDir ?? ".";
  const accept = await loadAcceptance(invocation, locations, io);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  for (const signal of STOP_SIGNALS) Deno.addSignalListener(signal, onSignal);
  let code = 0;
  // The deep walk of each full rescan shows its progress on a terminal only (never with --json).
  const progress = !invocation.json && stderrIsTerminal();
  const print = invocation.json
    ? jsonPrinter(io, accept)
    : textPrinter(io, accept, invocation.clean);
  try {
    await watchMounts(mountsDir, targets, {
      clean: invocation.clean,
      strip: invocation.strip,
      exposed,
      ...(accept.active ? { spare: accept.spare } : {}),
      ...(invocation.deep ? { deep: deepOptions(roster, progress ? io : undefined) } : {}),
      intervalMs: invocation.intervalSeconds * 1000,
      ...(invocation.unsafeOpenByName ? { unsafeOpenByName: true } : {}),
      signal: stop.signal,
      onEvent: (event) => {
        if (event.event === "rescan" && !event.mountsDirExists && invocation.mountsDir) {
          // A typo in --mounts-dir must never pass for a clean bill (as for scan).
          printError(io, `The mounts dir '${event.mountsDir}' does not exist`);
          code = EXIT_USAGE;
          stop.abort();
          return;
        }
        if (progress && event.event === "rescan" && event.deep !== undefined) {
          io.progress?.("");
        }
        print(event);
        if (progress && event.event === "rescan" && event.reason === "start") {
          printNote(
            io,
            `watching ${targets.length} credential path(s), full rescan ` +
              `every ${invocation.intervalSeconds} s; Ctrl-C stops`,
          );
        }
      },
    });
  } finally {
    for (const signal of STOP_SIGNALS) Deno.removeSignalListener(signal, onSignal);
  }
  return code;
}

/** Findings are attributed to every roster entry naming a host dir, not just routed ones. */
function deepOptions(roster: Roster, progress: CliIo | undefined): DeepOptions {
  const providers = deepProviders(roster);
  if (progress === undefined) return { providers };
  return {
    providers,
    onProgress: (stats) => {
      const mib = (stats.bytes / (1024 * 1024)).toFixed(1);
      progress.progress?.(`terok-vault: note: deep scan: ${stats.files} files, ${mib} MiB read`);
    },
  };
}

function stderrIsTerminal(): boolean {
  try {
    return Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

function now(): string {
  return new Date().toISOString();
}

/** The JSON evidence record: snake_case, the secret only ever redacted; accepted or known. */
function evidenceJson(evidence: readonly Evidence[], marks: ItemMarks, accept: Acceptance) {
  return evidence.map(({ rule, description, keyPath, line, redacted, fingerprint }, index) => ({
    rule,
    description,
    key_path: keyPath,
    line,
    redacted,
    fingerprint,
    ...evidenceMarkJson(marks.evidence[index], accept.allowFile),
  }));
}

/**
 * A leak's or finding's event as the acceptance sees it (a leak: a credential path). An
 * exposed file is neither accepted nor known: terok's config.yml decides about it, not the
 * allowlist or a baseline.
 */
function eventMarks(event: Extract<WatchEvent, { evidence: unknown }>, accept: Acceptance) {
  const kind = event.event === "finding" ? "finding" : "leak";
  return (event.event === "exposed" ? NO_ACCEPTANCE : accept).marks({
    provider: event.provider ?? "",
    path: event.path,
    evidence: event.evidence,
  }, kind);
}

/** One JSON object per line on stdout; observations stay on stderr, as scan has them. */
function jsonPrinter(io: CliIo, accept: Acceptance): (event: WatchEvent) => void {
  const line = (record: Record<string, unknown>) => io.stdout(`${JSON.stringify(record)}\n`);
  return (event) => {
    const time = now();
    switch (event.event) {
      case "leak":
      case "removed":
      case "exposed": {
        const marks = eventMarks(event, accept);
        return line({
          time,
          event: event.event,
          provider: event.provider,
          path: event.path,
          evidence: evidenceJson(event.evidence, marks, accept),
          ...itemMarkJson(marks),
          ...(event.event === "exposed" ? {} : {
            ...(event.notRemoved === undefined ? {} : { not_removed: event.notRemoved }),
            ...(event.otherLinks === undefined ? {} : { other_links: event.otherLinks }),
            ...(event.quarantine === undefined ? {} : { quarantine: event.quarantine }),
          }),
        });
      }
      case "finding": {
        const marks = eventMarks(event, accept);
        return line({
          time,
          event: "finding",
          provider: event.provider,
          path: event.path,
          evidence: evidenceJson(event.evidence, marks, accept),
          ...itemMarkJson(marks),
        });
      }
      case "skipped":
        return line({ time, event: "skipped", provider: event.provider, reason: event.reason });
      case "rescan":
        return line({
          time,
          event: "rescan",
          reason: event.reason,
          mounts_dir: event.mountsDir,
          mounts_dir_exists: event.mountsDirExists,
          inspected: event.inspected,
          leaks: event.leaks,
          ...(event.deep === undefined ? {} : {
            deep: {
              files: event.deep.files,
              bytes: event.deep.bytes,
              binary_skipped: event.deep.binarySkipped,
              limits_hit: event.deep.limitsHit.map((hit) => hit.limit),
            },
          }),
        });
      case "observation":
        return printNote(io, `'${event.provider}' ${event.detail}: ${event.path}`);
    }
  };
}

function deepSummary(deep: DeepStats | undefined): string {
  if (deep === undefined) return "";
  const limits = deep.limitsHit.length === 0
    ? ""
    : `, bounds reached: ${deep.limitsHit.map((hit) => hit.limit).join(", ")} (incomplete)`;
  return `; deep: ${deep.files} file(s), ${deep.bytes} bytes read${limits}`;
}

/** One line per event on stdout, each starting with an ISO timestamp. */
function textPrinter(
  io: CliIo,
  accept: Acceptance,
  clean: boolean,
): (event: WatchEvent) => void {
  return (event) => {
    const time = now();
    switch (event.event) {
      case "leak":
      case "removed":
      case "exposed":
      case "finding": {
        const notRemoved = event.event === "leak" || event.event === "removed"
          ? event.notRemoved
          : undefined;
        const otherLinks = event.event === "removed" ? event.otherLinks : undefined;
        const kept = event.event === "removed" && event.quarantine !== undefined
          ? ` (kept in quarantine ${event.quarantine}; rotate the secret)`
          : event.event === "exposed"
          ? ` (${EXPOSED_ON_PURPOSE})`
          : "";
        const suffix = notRemoved !== undefined
          ? ` (not removed: ${notRemoved})`
          : otherLinks !== undefined
          ? ` (the content lives on under ${otherLinks} other hard link(s): rotate it)`
          : kept;
        const who = event.provider ?? "(no provider)";
        const marks = eventMarks(event, accept);
        // An accepted leak is never removed: say so where a removal was asked for.
        const spared = clean && event.event === "leak" && marks.accepted ? "; not removed" : "";
        const mark = itemMarkText(marks).replace(/\)$/, `${spared})`);
        writeLine(io, `${time} ${event.event} ${who}: ${event.path}${suffix}${mark}`);
        for (const [index, item] of event.evidence.entries()) {
          writeLine(
            io,
            `    ${item.rule} at ${item.keyPath ?? `line ${item.line ?? "?"}`}: ${item.redacted}` +
              evidenceMarkText(marks.evidence[index]),
          );
        }
        return;
      }
      case "skipped":
        return writeLine(io, `${time} skipped ${event.provider}: ${event.reason}`);
      case "rescan":
        if (!event.mountsDirExists) {
          return writeLine(
            io,
            `${time} rescan (${event.reason}): mounts dir ${event.mountsDir} does not exist: ` +
              "nothing is shared",
          );
        }
        return writeLine(
          io,
          `${time} rescan (${event.reason}): ${event.inspected} credential path(s) inspected, ` +
            `${event.leaks} leak(s) present${deepSummary(event.deep)}`,
        );
      case "observation":
        return printNote(io, `'${event.provider}' ${event.detail}: ${event.path}`);
    }
  };
}
