// Copyright the terok-vault authors. MIT license.
/**
 * Leak scan and clean of the shared mounts: the one module that touches anything under the
 * mounts dir.
 *
 * @example Scan, then clean
 * ```ts ignore
 * import { cleanMounts, scanMounts } from "./mod.ts";
 *
 * const targets = [{ provider: "codex", hostDir: "_codex-config", credentialFile: "auth.json" }];
 * const scan = await scanMounts("/var/lib/terok/sandbox-live/mounts", targets);
 * if (scan.leaks.length > 0) await cleanMounts(scan.mountsDir, targets);
 * ```
 *
 * @module
 */
export * from "./types.ts";
export * from "./scan_mounts.ts";
export * from "./clean_mounts.ts";
export * from "./pinned_dir.ts";
export * from "./watch_mounts.ts";
export * from "./list_quarantine.ts";
export * from "./restore_quarantined.ts";
export * from "./purge_quarantine.ts";
