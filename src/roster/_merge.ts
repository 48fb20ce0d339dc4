/**
 * Deep merge of a user override file onto a base roster document (docs/roster.md, "Deep merge"),
 * recording where each part of the result came from so errors can name the right file.
 *
 * @module
 */

import { formatKeyPath, isMapping, type KeyPath, keysOf, setOwn } from "./_key_path.ts";

/** The marker that keeps the base value. */
export const INHERIT = "_inherit";

/** Which document a part of the merged result comes from, and where in it. */
export interface Origin {
  readonly from: "base" | "override";
  readonly path: KeyPath;
}

/** Where the parts of a merged document came from. */
export class MergeProvenance {
  readonly #origins = new Map<string, Origin>();
  readonly #deletions = new Map<string, KeyPath>();

  /** Records that the result at `path` (and below, unless recorded deeper) is `origin`. */
  record(path: KeyPath, origin: Origin): void {
    this.#origins.set(formatKeyPath(path), origin);
  }

  /** Records that the override deleted the key at result path `path` with a `null`. */
  recordDeletion(path: KeyPath, overridePath: KeyPath): void {
    this.#deletions.set(formatKeyPath(path), overridePath);
  }

  /** The override path of a `null` that deleted the key at result path `path`, if any. */
  deletionAt(path: KeyPath): KeyPath | undefined {
    return this.#deletions.get(formatKeyPath(path));
  }

  /** Where the result at `path` came from: the nearest recorded ancestor, plus the rest. */
  originOf(path: KeyPath): Origin {
    for (let length = path.length; length >= 0; length--) {
      const origin = this.#origins.get(formatKeyPath(path.slice(0, length)));
      if (origin !== undefined) {
        return { from: origin.from, path: [...origin.path, ...path.slice(length)] };
      }
    }
    return { from: "base", path };
  }
}

/** A misuse of a merge marker in the override, at a path of the override document. */
export class MergeMarkerError extends Error {
  /**
   * @param path Where in the override document.
   * @param reason The sentence shown to users.
   */
  constructor(readonly path: KeyPath, readonly reason: string) {
    super(reason);
    this.name = "MergeMarkerError";
  }
}

/** The merged document and where its parts came from. */
export interface MergeResult {
  readonly document: Record<string, unknown>;
  readonly provenance: MergeProvenance;
}

/**
 * Merges `override` onto `base`. Neither input is modified; the result shares unchanged
 * subtrees with them.
 *
 * @throws {MergeMarkerError} When a mapping's `_inherit` key is not `true`.
 */
export function mergeDocuments(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): MergeResult {
  const provenance = new MergeProvenance();
  const document = mergeMapping(base, override, [], [], [], provenance);
  return { document, provenance };
}

function mergeValue(
  base: unknown,
  override: unknown,
  basePath: KeyPath | undefined,
  overridePath: KeyPath,
  path: KeyPath,
  provenance: MergeProvenance,
): unknown {
  if (isMapping(override)) {
    const baseMapping = isMapping(base) ? base : undefined;
    return mergeMapping(baseMapping, override, basePath, overridePath, path, provenance);
  }
  provenance.record(path, { from: "override", path: overridePath });
  if (Array.isArray(override)) {
    return mergeList(base, override, basePath, overridePath, path, provenance);
  }
  return override;
}

function mergeList(
  base: unknown,
  override: readonly unknown[],
  basePath: KeyPath | undefined,
  overridePath: KeyPath,
  path: KeyPath,
  provenance: MergeProvenance,
): unknown[] {
  if (!override.includes(INHERIT)) return [...override];
  const baseItems = Array.isArray(base) ? base : [];
  const result: unknown[] = [];
  override.forEach((item, index) => {
    if (item !== INHERIT) {
      provenance.record([...path, result.length], {
        from: "override",
        path: [...overridePath, index],
      });
      result.push(item);
      return;
    }
    baseItems.forEach((baseItem, baseIndex) => {
      provenance.record([...path, result.length], {
        from: "base",
        path: [...(basePath ?? []), baseIndex],
      });
      result.push(baseItem);
    });
  });
  return result;
}

function mergeMapping(
  base: Record<string, unknown> | undefined,
  override: Record<string, unknown>,
  basePath: KeyPath | undefined,
  overridePath: KeyPath,
  path: KeyPath,
  provenance: MergeProvenance,
): Record<string, unknown> {
  // A mapping both sides have is blamed on the base (e.g. for a key missing in both); a new one
  // on the override.
  provenance.record(
    path,
    base !== undefined && basePath !== undefined
      ? { from: "base", path: basePath }
      : { from: "override", path: overridePath },
  );
  if (Object.hasOwn(override, INHERIT) && override[INHERIT] !== true) {
    throw new MergeMarkerError(
      [...overridePath, INHERIT],
      'The key "_inherit" of a mapping must be true (or be left out)',
    );
  }
  const result: Record<string, unknown> = {};
  const keep = (key: string, value: unknown) => {
    setOwn(result, key, value);
    provenance.record([...path, key], { from: "base", path: [...(basePath ?? []), key] });
  };
  if (base !== undefined) {
    for (const key of keysOf(base)) {
      if (!Object.hasOwn(override, key) || key === INHERIT) {
        keep(key, base[key]);
        continue;
      }
      const value = override[key];
      if (value === null) provenance.recordDeletion([...path, key], [...overridePath, key]);
      else if (value === INHERIT) keep(key, base[key]);
      else {
        const merged = mergeValue(
          base[key],
          value,
          [...(basePath ?? []), key],
          [...overridePath, key],
          [...path, key],
          provenance,
        );
        setOwn(result, key, merged);
      }
    }
  }
  for (const key of keysOf(override)) {
    if (key === INHERIT || (base !== undefined && Object.hasOwn(base, key))) continue;
    const value = override[key];
    if (value === null) provenance.recordDeletion([...path, key], [...overridePath, key]);
    else if (value !== INHERIT) {
      const merged = mergeValue(
        undefined,
        value,
        undefined,
        [...overridePath, key],
        [...path, key],
        provenance,
      );
      setOwn(result, key, merged);
    }
  }
  return result;
}
