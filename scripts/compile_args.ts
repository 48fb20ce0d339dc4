/**
 * The `deno compile` command line for the single binary, with its permissions baked in.
 *
 * @module
 */

import { bakedGrants } from "../src/cli/baked_grants.ts";
import { permissionFlags } from "../src/cli/permission_flags.ts";
import type { EnvName, PathContext } from "../src/paths.ts";

/** How to build the binary. */
export interface CompileOptions {
  /** `fhs`: root host or container (`/var/lib/terok`, `/etc/terok`); `user`: the given env's XDG paths. */
  layout: "fhs" | "user";
  /** The binary to write. */
  output: string;
  /** A `deno compile --target` triple, or undefined for this machine. */
  target?: string;
  /** The environment the `user` layout takes its paths from. */
  env?: (name: EnvName) => string | undefined;
}

/**
 * Builds the arguments of `deno compile` for a layout: the program's entry, the built-in
 * roster (compiled in as a module), and the layout's baked permission flags.
 *
 * @param options Layout, output path and target.
 * @param projectDir The checkout's root.
 * @returns The arguments after `deno`.
 * @throws {RangeError} When the user layout's paths cannot be worked out (no HOME).
 *
 * @example Arguments for the container layout
 * ```ts
 * import { compileArgs } from "./compile_args.ts";
 * compileArgs({ layout: "fhs", output: "dist/terok-vault" }, "/src")[0]; // "compile"
 * ```
 */
export function compileArgs(options: CompileOptions, projectDir: string): string[] {
  const context: PathContext = options.layout === "fhs"
    ? { env: () => undefined, isRoot: true }
    : { env: options.env ?? (() => undefined), isRoot: false };
  return [
    "compile",
    `--config=${projectDir}/deno.json`,
    ...permissionFlags(bakedGrants(context)),
    ...(options.target === undefined ? [] : [`--target=${options.target}`]),
    `--output=${options.output}`,
    `${projectDir}/src/main.ts`,
  ];
}

/** `word` as a POSIX shell reads it back: quoted when it holds anything but safe characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
