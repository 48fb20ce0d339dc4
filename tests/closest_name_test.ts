import assert from "node:assert/strict";
import { closestName } from "../src/_closest_name.ts";

Deno.test("closestName() suggests a name one typo away", () => {
  assert.equal(closestName("upstreem", ["label", "upstream", "auth_header"]), "upstream");
  assert.equal(closestName("--mount-dir", ["--json", "--mounts-dir"]), "--mounts-dir");
  assert.equal(closestName("scna", ["routes", "scan", "clean"]), "scan");
  assert.equal(closestName("hostdir", ["host_dir", "command"]), "host_dir");
});

Deno.test("closestName() stays quiet when nothing is close, or the word is exact", () => {
  assert.equal(closestName("frobnicate", ["routes", "scan", "clean"]), undefined);
  assert.equal(closestName("ab", ["xy"]), undefined);
  assert.equal(closestName("scan", ["scan"]), undefined);
  assert.equal(closestName("x", []), undefined);
});

Deno.test("closestName() prefers the closest, then the earlier candidate", () => {
  assert.equal(closestName("labels", ["label", "labels2"]), "label");
  assert.equal(closestName("cat", ["bat", "hat"]), "bat");
});
