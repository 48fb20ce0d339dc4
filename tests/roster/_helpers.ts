/**
 * Shared helpers for the roster tests: temp roster directories and loading them.
 *
 * @module
 */

import { loadRoster } from "../../src/roster/mod.ts";
import type { RosterNotice, RosterV1 } from "../../src/roster/mod.ts";
import { fileUrlPath } from "../../scripts/_file_url_path.ts";

/** The version-1 roster terok-vault had built in before version 3 (a `--roster` fixture now). */
export const V1_DEFAULT_DIR = fileUrlPath(
  new URL("../testdata/roster/v1_default/", import.meta.url),
);

/** Copies the version-1 default roster's files into `dir`. */
async function writeV1Default(dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for await (const entry of Deno.readDir(V1_DEFAULT_DIR)) {
    await Deno.copyFile(`${V1_DEFAULT_DIR}/${entry.name}`, `${dir}/${entry.name}`);
  }
}

/** Writes `files` (name -> text) into `dir`, creating it. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(`${dir}/${name}`, text);
  }
}

/** Runs `body` with a fresh temp dir, removed afterwards. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "roster_test_" });
  try {
    return await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A loaded roster and the notices the loader sent. */
export interface Loaded {
  roster: RosterV1;
  notices: RosterNotice[];
}

/**
 * Loads a version-1 roster from `base` files (as `--roster`) and `user` files (as the user
 * dir), each written into a temp dir; `base` undefined means the version-1 default roster
 * (tests/testdata/roster/v1_default, the built-in roster before version 3).
 */
export async function loadFrom(
  base: Record<string, string> | undefined,
  user: Record<string, string> = {},
): Promise<Loaded> {
  return await withTempDir(async (dir) => {
    const notices: RosterNotice[] = [];
    if (base !== undefined) await writeFiles(`${dir}/base`, base);
    else await writeV1Default(`${dir}/base`);
    await writeFiles(`${dir}/user`, user);
    const roster = await loadRoster({
      rosterDir: `${dir}/base`,
      userDir: `${dir}/user`,
      onNotice: (notice) => notices.push(notice),
    });
    if (roster.version !== 1) throw new Error("Expected a version-1 roster");
    return { roster, notices };
  });
}

/**
 * Loads like {@linkcode loadFrom} and returns the error message with the temp dir replaced by
 * `<tmp>`, or fails when loading succeeds.
 */
export async function loadError(
  base: Record<string, string> | undefined,
  user: Record<string, string> = {},
): Promise<{ error: Error; message: string }> {
  return await withTempDir(async (dir) => {
    if (base !== undefined) await writeFiles(`${dir}/base`, base);
    else await writeV1Default(`${dir}/base`);
    await writeFiles(`${dir}/user`, user);
    try {
      await loadRoster({
        rosterDir: `${dir}/base`,
        userDir: `${dir}/user`,
      });
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      return { error, message: error.message.replaceAll(dir, "<tmp>") };
    }
    throw new Error("Expected the roster to be refused, but it loaded");
  });
}

/** The config of the entry `name`, or a thrown error. */
export function configOf(roster: RosterV1, name: string) {
  const entry = roster.entries.find((candidate) => candidate.name === name);
  if (entry === undefined) throw new Error(`No entry ${name}`);
  return entry.config;
}

/** A minimal valid routed entry. */
export const ROUTED = "vault:\n  route_prefix: p\n  upstream: https://api.example.test\n";
