// Copyright the terok-vault authors. MIT license.
import { describeError } from "../_describe_error.ts";
import { loadYamlParser } from "../detect/load_yaml_parser.ts";
import { withYamlParser } from "../detect/with_yaml_parser.ts";
import { holdCwd } from "./_cwd_lock.ts";
import { errorKind } from "./_errors.ts";
import { inspectTarget, loadKeeper } from "./_inspect_target.ts";
import type { Disposal } from "./_keep_leak.ts";
import { joinPath, type LeakAction, type MountsRoot } from "./_outcome.ts";
import { pinRoot } from "./_pin_walk.ts";
import { type Clock, SYSTEM_CLOCK } from "./_path_guard.ts";
import { notLinkedReason, PrivateDir } from "./_private_dir.ts";
import type {
  CleanFailure,
  CredentialTarget,
  DeepOptions,
  Leak,
  RemovedLeak,
  ScanOptions,
  ScanReport,
} from "./types.ts";

/** Everything a scan or a clean found. */
export interface InspectionResult extends ScanReport {
  removed: RemovedLeak[];
  failed: CleanFailure[];
  spared: Leak[];
}

function emptyResult(mountsDir: string, mountsDirExists: boolean): InspectionResult {
  return {
    mountsDir,
    mountsDirExists,
    inspected: 0,
    leaks: [],
    observations: [],
    skipped: [],
    removed: [],
    failed: [],
    spared: [],
  };
}

/** Every provider unchecked for the same reason (the mounts dir itself is unusable). */
function allSkipped(
  mountsDir: string,
  targets: readonly CredentialTarget[],
  reason: string,
): InspectionResult {
  const result = emptyResult(mountsDir, true);
  for (const target of targets) result.skipped.push({ provider: target.provider, reason });
  return result;
}

/**
 * Inspect every target, one inspection at a time in this process.
 *
 * The working directory is process-wide, so inspections take turns (`_cwd_lock.ts`). The
 * walk itself is synchronous; it yields only while opening a file to read, and a credential
 * read whose open is held up (a file lease) or that waits for a quiet path steps away from
 * the working directory meanwhile and pins its directory again afterwards, so other
 * inspections go on. Other code in the process should not depend on the working directory
 * while a scan runs. Afterwards the working directory goes back to where it
 * was, or, when that is not readable under scoped permissions, stays at the real mounts dir.
 */
export function runInspection(
  mountsDir: string,
  targets: readonly CredentialTarget[],
  action: LeakAction,
  options: ScanOptions & Disposal = {},
): Promise<InspectionResult> {
  return holdCwd(async () => {
    // Only clean keeps leaks: its quarantine code is loaded before the walk, never mid-way.
    if (action === "remove") await loadKeeper();
    const result = await inspectAll(mountsDir, targets, action, options);
    // A deep scan always answers with its coverage, also when there was nothing to walk.
    if (options.deep !== undefined && options.deep !== false) {
      result.findings ??= [];
      result.deep ??= (await import("./_deep_state.ts")).emptyDeepStats();
    }
    return result;
  });
}

/** `path` made absolute against the working directory, for reports about a missing dir. */
function absolute(path: string): string {
  if (path.startsWith("/")) return path;
  let cwd: string;
  try {
    cwd = Deno.cwd();
  } catch {
    return path;
  }
  return `${cwd.replace(/\/$/, "")}/${path}`;
}

async function inspectAll(
  mountsDir: string,
  targets: readonly CredentialTarget[],
  action: LeakAction,
  options: ScanOptions & Disposal,
): Promise<InspectionResult> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  let realDir: string;
  try {
    realDir = Deno.realPathSync(mountsDir);
  } catch (error) {
    if (errorKind(error) === "absent") return emptyResult(absolute(mountsDir), false);
    return allSkipped(absolute(mountsDir), targets, `mounts dir: ${describeError(error)}`);
  }
  let root: MountsRoot;
  try {
    const info = Deno.lstatSync(realDir);
    if (!info.isDirectory) {
      return allSkipped(realDir, targets, `the mounts dir '${realDir}' is not a directory`);
    }
    root = { path: realDir, identity: info };
  } catch (error) {
    return allSkipped(realDir, targets, `mounts dir: ${describeError(error)}`);
  }

  let originalCwd: string | undefined;
  try {
    originalCwd = Deno.cwd();
  } catch {
    originalCwd = undefined;
  }
  const result = emptyResult(realDir, true);
  const disposal: Disposal = {
    delete: options.delete === true,
    strip: options.strip === true,
    ...(options.spare === undefined ? {} : { spare: options.spare }),
  };
  const exposedEntries = new Set(options.exposed ?? []);
  if (options.exposed !== undefined) result.exposed = [];
  let privateDir: PrivateDir | undefined;
  try {
    const prepared = PrivateDir.prepare(root, { openByName: options.unsafeOpenByName === true });
    privateDir = prepared; // closed in `finally`; the closure below sees it defined
    for (const target of targets) {
      result.inspected++;
      // A file terok exposes on purpose is only ever reported: no action reaches it.
      const exposed = exposedEntries.has(target.provider) && target.config !== true;
      const act = exposed ? "report" : action;
      // js-yaml is loaded only when a YAML credential file is read (the walk is run again).
      const outcome = await withYamlParser(() =>
        inspectTarget(root, target, act, clock, prepared, disposal)
      );
      const provider = target.provider;
      if ((outcome.verdict === "clean" || outcome.verdict === "leak") && outcome.openedInMount) {
        const { path, reason } = outcome.openedInMount;
        const detail = openedByNameDetail(reason);
        result.observations.push({ provider, kind: "open_unsafe", path, detail });
      }
      switch (outcome.verdict) {
        case "absent":
        case "clean":
          break;
        case "observation":
          result.observations.push(outcome.observation);
          break;
        case "escape":
          result.observations.push(outcome.observation);
          result.skipped.push({ provider, reason: outcome.reason });
          break;
        case "skipped":
          result.skipped.push({ provider, reason: outcome.reason });
          break;
        case "leak": {
          const leak = {
            provider,
            path: outcome.path,
            evidence: outcome.evidence,
            ...(target.config === true ? { config: true as const } : {}),
          };
          if (exposed) {
            result.exposed?.push(leak);
            break;
          }
          result.leaks.push(leak);
          if (outcome.removal === undefined) break;
          if (outcome.removal.ok) {
            const { otherLinks, quarantined, stripped } = outcome.removal;
            result.removed.push({
              ...leak,
              otherLinks,
              ...(quarantined === undefined ? {} : { quarantined }),
              ...(stripped === undefined ? {} : { stripped }),
            });
          } else if (outcome.removal.spared) result.spared.push(leak);
          else {
            result.failed.push({ provider, path: outcome.path, reason: outcome.removal.reason });
          }
          break;
        }
      }
    }
    if (options.deep !== undefined && options.deep !== false) {
      const deep = options.deep === true ? {} : options.deep;
      await loadYamlParser(); // a deep walk may meet any YAML file, and never waits mid-walk
      await deepInspect(result, root, targets, deep, clock, privateDir);
    }
  } finally {
    privateDir?.close();
    restoreCwd(originalCwd, realDir);
  }
  return result;
}

/** The deep walk, after the credential paths: findings and coverage go into `result`. */
async function deepInspect(
  result: InspectionResult,
  root: MountsRoot,
  targets: readonly CredentialTarget[],
  deep: DeepOptions,
  clock: Clock,
  privateDir: PrivateDir,
): Promise<void> {
  // Loaded only for a deep scan, before anything is pinned: a plain scan never pays for them.
  const { emptyDeepStats } = await import("./_deep_state.ts");
  const { deepWalk } = await import("./_deep_walk.ts");
  const providers: Record<string, string> = {};
  for (const target of targets) providers[target.hostDir] ??= target.provider;
  const credentialPaths = new Set(
    targets.map((t) => joinPath(joinPath(root.path, t.hostDir), t.credentialFile)),
  );
  if (privateDir.unusable !== undefined && !privateDir.openByName) {
    // Every file would be left unread for this one reason: say it once.
    result.findings = [];
    const reason = notLinkedReason(privateDir.unusable, "its files");
    result.deep = emptyDeepStats([{ path: root.path, reason }]);
    return;
  }
  const failed = pinRoot(root);
  if (failed !== undefined) {
    result.findings = [];
    const reason = failed.verdict === "skipped" ? failed.reason : "the mounts dir changed";
    result.deep = emptyDeepStats([{ path: root.path, reason }]);
    return;
  }
  const walked = await deepWalk(root, privateDir, clock, credentialPaths, {
    ...deep,
    providers: { ...providers, ...deep.providers },
  });
  result.findings = walked.findings;
  result.deep = walked.stats;
  for (const { path, reason } of privateDir.openedByName) {
    const hostDir = path.slice(root.path.length).replace(/^\//, "").split("/", 1)[0]!;
    result.observations.push({
      provider: Object.hasOwn(providers, hostDir) ? providers[hostDir]! : hostDir,
      kind: "open_unsafe",
      path,
      detail: openedByNameDetail(reason),
    });
  }
}

function openedByNameDetail(reason: string): string {
  return `opened by its name in the mount, not through a private link (${reason}); ` +
    "--unsafe-open-by-name allowed it";
}

function restoreCwd(originalCwd: string | undefined, realDir: string): void {
  if (originalCwd !== undefined) {
    try {
      Deno.chdir(originalCwd);
      return;
    } catch {
      // Not readable under scoped permissions: fall back to the one directory we may read.
    }
  }
  try {
    Deno.chdir(realDir);
  } catch {
    // Nowhere permitted to go; the working directory is left where the walk ended.
  }
}
