// Copyright the terok-vault authors. MIT license.
/** The bridge from a credential target to the detector's verdict on bytes. */
import { judgeCredential } from "../detect/judge_credential.ts";
import type { Classify } from "./_judge_leaf.ts";
import type { CredentialTarget } from "./types.ts";

/** A config credential location (`.claude.json`) is read up to this many bytes. */
export const CONFIG_READ_BOUND = 4 * 1024 * 1024;

/**
 * The classifier for one credential target: its roster entry names the format the detector
 * judges it by, and the entry's proxied variables are secrets in a dotenv file. A config
 * (`target.config`) is a leak only where a value holds a secret: content the detector does
 * not know is the user's settings, not a credential.
 */
export function credentialClassifier(target: CredentialTarget): Classify {
  const fileName = target.credentialFile.slice(target.credentialFile.lastIndexOf("/") + 1);
  const context = {
    fileName,
    ...(target.phantomEnv === undefined ? {} : { phantomEnv: target.phantomEnv }),
    // The entry names the format; an entry naming none has a file of no known format.
    format: target.format ?? null,
  };
  const judge: Classify = (bytes, truncated) => judgeCredential(bytes, { ...context, truncated });
  if (target.config !== true) return judge;
  return (bytes, truncated) => {
    const verdict = judge(bytes, truncated);
    if (verdict.verdict === "clean") return verdict;
    const evidence = verdict.evidence.filter((item) => item.rule !== "unrecognized-content");
    if (evidence.length > 0) return { ...verdict, evidence };
    return { verdict: "clean", reason: "no-secret", format: verdict.format };
  };
}
