// Copyright the terok-vault authors. MIT license.
import { runInspection } from "./_run_inspection.ts";
import type { CredentialTarget, ScanOptions, ScanReport } from "./types.ts";

/**
 * Find real credential files leaked into the shared mounts, without following any symlink a
 * container may have planted.
 *
 * Each target's path `<mountsDir>/<hostDir>/<credentialFile>` gets one verdict: absent, or
 * clean by its content (empty, a phantom, a known format with no secret), a non-regular file
 * (an observation, never opened), a symlink judged by its target when that stays inside the
 * host dir, a symlink leading elsewhere or a directory on the path that is a symlink or
 * changes under us (an escape: an observation and a skipped provider), an error
 * (skipped, with its reason), or a leak with its evidence (the detector's, never the secret
 * itself). At most 64 KiB plus one byte of a credential file is read, and only through a hard
 * link in the user's private `<mountsDir>/.terok-vault-<uid>/`, so no open can be redirected
 * by a swap (docs/security.md); where the link is refused the file is left unread (skipped,
 * with the reason), or, with `unsafeOpenByName`, opened by name and reported `open_unsafe`.
 * A mounts dir that does not exist yields no leaks and `mountsDirExists: false`.
 *
 * With `deep`, the whole mounts dir is walked too, with the same discipline and bounded
 * (docs/deep-scan.md): secrets outside the credential paths are `findings`, and `deep`
 * says what was covered and which bounds were reached.
 *
 * The walk pins one directory at a time with `Deno.chdir`, so the process's working
 * directory changes while it runs; it is restored afterwards, or left at the real mounts dir
 * when the original one is not readable. Scans and cleans in one process are queued, never
 * interleaved; the walk yields only while opening a file to read, so other code should not
 * depend on the working directory meanwhile.
 *
 * Requires `--allow-read` on the mounts dir, `--allow-write` on it for the private links
 * (without it, files are left unread unless `unsafeOpenByName`), and `--allow-sys=uid` (the
 * uid names the private directory).
 *
 * @param mountsDir The mounts dir; may be relative or reached through a symlinked parent
 * (it is resolved once with `Deno.realPath`).
 * @param targets The credential paths to inspect, in report order.
 * @param options `deep` walks the whole mounts dir too (bounded; findings are reported, never
 * removed; `deep.hostDirs` limits it to some host dirs); `clock` is for tests.
 * @returns The report: absolute paths, leaks, observations, skipped providers and, with
 * `deep`, findings and coverage.
 * @throws Nothing expected: file-system errors are reported per provider in `skipped`.
 *
 * @example Scan two providers
 * ```ts ignore
 * import { scanMounts } from "./scan_mounts.ts";
 *
 * const report = await scanMounts("/var/lib/terok/sandbox-live/mounts", [
 *   { provider: "claude", hostDir: "_claude-config", credentialFile: ".credentials.json" },
 *   { provider: "codex", hostDir: "_codex-config", credentialFile: "auth.json" },
 * ]);
 * for (const leak of report.leaks) console.log(`${leak.provider}: ${leak.path}`);
 * ```
 */
export async function scanMounts(
  mountsDir: string,
  targets: readonly CredentialTarget[],
  options: ScanOptions = {},
): Promise<ScanReport> {
  const { removed: _removed, failed: _failed, spared: _spared, ...report } = await runInspection(
    mountsDir,
    targets,
    "report",
    options,
  );
  return report;
}
