import type { EnvName, PathContext } from "../paths.ts";

/**
 * The running process's path context: the named variables and whether the uid is 0.
 * Without the env or sys grant a value reads as unset / not root, never as an exception.
 */
export function processContext(): PathContext {
  return { env: readEnv, isRoot: uidIsZero() };
}

function readEnv(name: EnvName): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined;
  }
}

function uidIsZero(): boolean {
  try {
    return Deno.uid() === 0;
  } catch {
    return false;
  }
}
