/**
 * Lists the roster files of a directory: its `*.yaml` entries in name order.
 *
 * @module
 */

import { describeError } from "../_describe_error.ts";
import { RosterFileError } from "./errors.ts";
import type { RosterNotice } from "./types.ts";

/** One roster file of a directory. */
export interface RosterFileRef {
  /** The entry name: the file stem. */
  readonly name: string;
  /** The path to read. */
  readonly path: string;
  /** The path as shown to users. */
  readonly display: string;
}

/**
 * Lists `dir`'s `*.yaml` entries (whatever their type: a directory named `x.yaml` is listed
 * and refused when read) sorted by name with plain `<` (UTF-16 code unit order).
 *
 * Requires `--allow-read` on `dir`.
 *
 * A `*.yml` file is not read (the Python tool ignores it too); `notify`, when given, hears
 * one note per such file so the user learns why it has no effect.
 *
 * @throws {RosterFileError} When `dir` is not a readable directory (a missing one only when
 * `missingOk` is false), or a file name gives an empty entry name.
 */
export async function listYamlFiles(
  dir: string,
  missingOk: boolean,
  notify?: (notice: RosterNotice) => void,
): Promise<RosterFileRef[]> {
  const names: string[] = [];
  const ignored: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.name.endsWith(".yaml")) names.push(entry.name);
      else if (entry.name.endsWith(".yml")) ignored.push(entry.name);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && missingOk) return [];
    throw directoryError(dir, error);
  }
  names.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  const prefix = dir.endsWith("/") ? dir : `${dir}/`;
  for (const fileName of ignored.sort()) {
    notify?.({
      level: "info",
      file: prefix + fileName,
      message: `Ignored: only *.yaml files are read (rename it to ${
        JSON.stringify(`${fileName.slice(0, -".yml".length)}.yaml`)
      })`,
    });
  }
  return names.map((fileName) => {
    const display = prefix + fileName;
    const name = fileName.slice(0, -".yaml".length);
    if (name === "") {
      throw new RosterFileError({
        file: display,
        reason: "The file name gives an empty entry name",
      });
    }
    return { name, path: display, display };
  });
}

function directoryError(dir: string, error: unknown): unknown {
  // A missing grant is the program's fault, not the roster's: let it through unchanged.
  if (error instanceof Deno.errors.NotCapable) return error;
  let reason: string;
  if (error instanceof Deno.errors.NotFound) reason = "The roster directory does not exist";
  else if (error instanceof Deno.errors.NotADirectory) reason = "Is not a directory";
  else if (error instanceof Deno.errors.PermissionDenied) {
    reason = "Cannot read the directory (permission denied)";
  } else reason = `Cannot read the directory (${describeError(error)})`;
  return new RosterFileError({ file: dir, reason }, { cause: error });
}
