// Copyright the terok-vault authors. MIT license.
/**
 * `watch --deep`: each full rescan walks the whole mounts dir, so a secret written into a
 * nested file that is no credential path is reported as a finding (once), never removed.
 */
import assert from "node:assert/strict";
import { writeRoster } from "./_cli.ts";
import { makeSandbox, put } from "./_helpers.ts";
import {
  assertNoSecret,
  events,
  fakeClaudeToken,
  isEvent,
  startRosterWatch,
} from "./_watch_cli.ts";

Deno.test("watch --deep --clean reports a secret in a nested file as a finding and keeps it", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
  await Deno.mkdir(`${box.mounts}/_alpha-config`);
  const secret = fakeClaudeToken("ort");
  const nested = `${box.mounts}/_alpha-config/projects/p1/session.jsonl`;
  const stray = `${box.mounts}/_other-tool/settings.json`;
  const watch = startRosterWatch(box, "--clean", "--deep", "--json", "--interval", "0.5");
  try {
    await watch.waitFor(isEvent("rescan"));
    await put(nested, `{"type":"note"}\n{"type":"tool","out":"refresh=${secret}"}\n`);
    await put(stray, JSON.stringify({ env: { ANTHROPIC_API_KEY: "" } }));
    await watch.waitFor(isEvent("finding", nested));
    // Two more full rescans: the same finding is not told again.
    const rescans = () => events(watch).filter((e) => e.event === "rescan").length;
    const seen = rescans();
    await watch.waitFor(() => rescans() >= seen + 2);
  } finally {
    assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
  }
  const findings = events(watch).filter((e) => e.event === "finding");
  assert.equal(findings.length, 1, watch.stdout());
  assert.equal(findings[0]!.provider, "alpha");
  const evidence = findings[0]!.evidence as Record<string, unknown>[];
  assert.deepEqual(evidence.map((e) => [e.rule, e.line]), [["claude-oauth-refresh-token", 2]]);
  assert.equal(evidence[0]!.key_path, null);
  const rescan = events(watch).find((e) => e.event === "rescan")!;
  assert.deepEqual(Object.keys(rescan.deep as object).sort(), [
    "binary_skipped",
    "bytes",
    "files",
    "limits_hit",
  ]);
  // Findings are reported, never deleted; the benign config of another tool is no finding.
  assert.match(await Deno.readTextFile(nested), /refresh=/);
  assert.equal(findings.some((e) => e.path === stray), false);
  assertNoSecret(watch.stdout() + watch.stderr(), [secret]);
});
