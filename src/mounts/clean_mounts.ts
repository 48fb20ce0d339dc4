// Copyright the terok-vault authors. MIT license.
import { runInspection } from "./_run_inspection.ts";
import type { CleanReport, CredentialTarget, InspectOptions, Leak } from "./types.ts";

/** Options for {@linkcode cleanMounts}. */
export interface CleanOptions extends InspectOptions {
  /** Report what would be removed and change nothing. */
  dryRun?: boolean;
  /** Unlink each leak and keep nothing (`clean --delete`); a config is still only stripped. */
  delete?: boolean;
  /**
   * Rewrite a leak of a JSON or dotenv format with exactly its secret-bearing values removed
   * (`clean --strip`), after keeping the original in the quarantine.
   */
  strip?: boolean;
  /**
   * Leaks to leave in place (the operator accepted them): listed in `leaks` and `spared`,
   * never removed. Asked once per leak, while its directory is pinned.
   */
  spare?: (leak: Leak) => boolean;
}

/**
 * Remove exactly the credential files that {@linkcode scanMounts} calls leaks, and nothing
 * else: not symlinks, not phantoms, not empty files, nothing outside the mounts dir.
 *
 * Each leak is removed while its directory is pinned as the working directory, right after
 * its verdict, and only if a fresh `lstat` of its name still shows the very file judged
 * (same device and inode); `unlink` never follows a final-component symlink. A leak that
 * changed or could not be removed is listed in `failed` with the reason. A removed name
 * whose content lives on under other hard links says so in `otherLinks`. The working
 * directory is handled as in {@linkcode scanMounts}.
 *
 * Requires `--allow-read` and `--allow-write` on the mounts dir (write for the private links
 * and the removal), `--allow-sys=uid` (the uid names the private directory), and
 * `--allow-write=/proc/self/cwd` to remove a leak below a subdirectory of its host dir.
 *
 * @param mountsDir The mounts dir; may be relative or reached through a symlinked parent.
 * @param targets The credential paths to inspect, in report order.
 * @param options `dryRun: true` lists in `wouldRemove` what would be removed and changes
 * nothing.
 * @returns The scan report plus `removed`, `wouldRemove`, `failed` and `dryRun`.
 * @throws Nothing expected: file-system errors are reported per provider.
 *
 * @example Dry run, then clean
 * ```ts ignore
 * import { cleanMounts } from "./clean_mounts.ts";
 *
 * const targets = [{ provider: "codex", hostDir: "_codex-config", credentialFile: "auth.json" }];
 * const preview = await cleanMounts("./mounts", targets, { dryRun: true });
 * console.log(preview.wouldRemove.length, "file(s) would be removed");
 * const report = await cleanMounts("./mounts", targets);
 * for (const failure of report.failed) console.log(`${failure.path}: ${failure.reason}`);
 * ```
 */
export async function cleanMounts(
  mountsDir: string,
  targets: readonly CredentialTarget[],
  options: CleanOptions = {},
): Promise<CleanReport> {
  const dryRun = options.dryRun ?? false;
  const result = await runInspection(mountsDir, targets, dryRun ? "report" : "remove", options);
  const spare = options.spare ?? (() => false);
  const wouldRemove = dryRun ? result.leaks.filter((leak) => !spare(leak)) : [];
  const spared = dryRun ? result.leaks.filter(spare) : result.spared;
  return { ...result, wouldRemove, spared, dryRun };
}
