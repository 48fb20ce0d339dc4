/**
 * terok-vault as a library: the host-side chores around the terok credential vault.
 *
 * - Load and validate the agent roster (built-in default, a roster directory, user
 *   overrides) and turn it into the vault's `routes.json` text, byte-exact with terok's.
 * - Scan the shared config mounts for real credential files that leaked there, and clean
 *   them, safely against containers that rewrite those directories at the same time.
 * - Tell a phantom credential (what the vault writes) from a real one.
 * - Describe a roster file as JSON Schema, for editors.
 *
 * The command-line program (`src/main.ts`) is a thin layer over these functions.
 *
 * @example Regenerate routes.json and check the mounts
 * ```ts ignore
 * import {
 *   credentialTargets,
 *   loadRoster,
 *   routesJson,
 *   scanMounts,
 *   writeTextFileAtomic,
 * } from "@terok/vault";
 *
 * const roster = await loadRoster({ userDir: "/etc/terok/agent/agents" });
 * await writeTextFileAtomic("/var/lib/terok/vault/routes.json", routesJson(roster));
 * const report = await scanMounts("/var/lib/terok/sandbox-live/mounts", credentialTargets(roster));
 * for (const leak of report.leaks) console.log(`${leak.provider}: ${leak.path}`);
 * ```
 *
 * @module
 */

export * from "./roster/mod.ts";
export * from "./mounts/mod.ts";
export * from "./detect/mod.ts";
