// Copyright the terok-vault authors. MIT license.
/** The bridge from a credential target to the detector's verdict on bytes. */
import type { CredentialVerdict, Evidence } from "../detect/types.ts";
import type { Classify } from "./_judge_leaf.ts";
import { isPhantomCredential } from "./is_phantom_credential.ts";
import type { CredentialTarget } from "./types.ts";

/**
 * The classifier for one credential target: its file name and the entry's variables tell the
 * detector which format to expect.
 */
export function credentialClassifier(target: CredentialTarget): Classify {
  const fileName = target.credentialFile.slice(target.credentialFile.lastIndexOf("/") + 1);
  void fileName;
  return (bytes, truncated) => interimVerdict(bytes, truncated);
}

function unrecognized(rule: "unrecognized-content" | "oversized"): Evidence {
  return {
    rule,
    description: rule === "oversized"
      ? "Larger than the read bound: cannot be a phantom"
      : "Not empty and not a phantom, in a format with no known secret-free shape",
    keyPath: null,
    line: null,
    redacted: "",
    fingerprint: null,
  };
}

/** Until the detector lands: phantom or leak, as before. */
function interimVerdict(bytes: Uint8Array, truncated: boolean): CredentialVerdict {
  if (truncated) return { verdict: "leak", format: null, evidence: [unrecognized("oversized")] };
  if (bytes.length === 0) return { verdict: "clean", reason: "empty", format: null };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { verdict: "leak", format: null, evidence: [unrecognized("unrecognized-content")] };
  }
  if (isPhantomCredential(text)) return { verdict: "clean", reason: "phantom", format: null };
  return { verdict: "leak", format: null, evidence: [unrecognized("unrecognized-content")] };
}
