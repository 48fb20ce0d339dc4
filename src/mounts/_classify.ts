// Copyright the terok-vault authors. MIT license.
/** The bridge from a credential target to the detector's verdict on bytes. */
import { judgeCredential } from "../detect/mod.ts";
import type { Classify } from "./_judge_leaf.ts";
import type { CredentialTarget } from "./types.ts";

/**
 * The classifier for one credential target: its roster entry names the format the detector
 * judges it by, and the entry's proxied variables are secrets in a dotenv file.
 */
export function credentialClassifier(target: CredentialTarget): Classify {
  const fileName = target.credentialFile.slice(target.credentialFile.lastIndexOf("/") + 1);
  const context = {
    fileName,
    ...(target.phantomEnv === undefined ? {} : { phantomEnv: target.phantomEnv }),
    // The entry names the format; an entry naming none has a file of no known format.
    format: target.format ?? null,
  };
  return (bytes, truncated) => judgeCredential(bytes, { ...context, truncated });
}
