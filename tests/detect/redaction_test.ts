// Copyright the terok-vault authors. MIT license.
/** How much of a secret-bearing value the evidence shows, by its length (nothing when short). */
import assert from "node:assert/strict";
import { judgeCredential } from "../../src/detect/judge_credential.ts";
import { bytes } from "./_helpers.ts";
import { loadYamlParser } from "../../src/detect/load_yaml_parser.ts";

// gh hosts.yml and glab config.yml are YAML: the detector reads them with the parser loaded.
await loadYamlParser();

/** The redacted form of `value` as the value of a dotenv file's secret-bearing key. */
function redactedDotenv(value: string): string | undefined {
  const verdict = judgeCredential(bytes(`MISTRAL_API_KEY=${value}\n`), { fileName: ".env" });
  assert.equal(verdict.verdict, "leak");
  return verdict.verdict === "leak" ? verdict.evidence[0]?.redacted : undefined;
}

Deno.test("judgeCredential() shows nothing of a value shorter than 12 characters", () => {
  assert.equal(redactedDotenv("FAKEtest9"), "…");
  assert.equal(redactedDotenv("FAKEtest9q2"), "…"); // 11
});

Deno.test("judgeCredential() shows only the last 4 of a value of 12 or more characters with no public prefix", () => {
  assert.equal(redactedDotenv("FAKEtest9q2L"), "…9q2L"); // 12
  assert.equal(redactedDotenv("FAKEtest9q2Lm4Zx8Wv"), "…x8Wv"); // 19
  assert.equal(redactedDotenv("FAKEtest9q2Lm4Zx8Wv3"), "…8Wv3"); // 20
});

Deno.test("judgeCredential() redacts a short value in a gh hosts file the same way", () => {
  const verdict = judgeCredential(bytes("github.com:\n  oauth_token: FAKEtest9\n"), {
    fileName: "hosts.yml",
  });
  assert.deepEqual(
    verdict.verdict === "leak" ? verdict.evidence.map((e) => [e.keyPath, e.line, e.redacted]) : [],
    [["github.com.oauth_token", 2, "…"]],
  );
});
