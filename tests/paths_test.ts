import assert from "node:assert/strict";
import { defaultPath, type EnvName } from "../src/paths.ts";

function context(vars: Partial<Record<EnvName, string>>, isRoot = false) {
  return { env: (name: EnvName) => vars[name], isRoot };
}

Deno.test("defaultPath follows the XDG layout for a user", () => {
  const user = context({ HOME: "/home/ada" });
  assert.equal(defaultPath("mounts", user), "/home/ada/.local/share/terok/sandbox-live/mounts");
  assert.equal(defaultPath("routes", user), "/home/ada/.local/share/terok/vault/routes.json");
  assert.equal(defaultPath("user", user), "/home/ada/.config/terok/agent/agents");
  const xdg = context({ HOME: "/home/ada", XDG_DATA_HOME: "/d/", XDG_CONFIG_HOME: "/c" });
  assert.equal(defaultPath("mounts", xdg), "/d/terok/sandbox-live/mounts");
  assert.equal(defaultPath("user", xdg), "/c/terok/agent/agents");
});

Deno.test("defaultPath uses the FHS layout for root", () => {
  const root = context({ HOME: "/root", XDG_CONFIG_HOME: "/c" }, true);
  assert.equal(defaultPath("mounts", root), "/var/lib/terok/sandbox-live/mounts");
  assert.equal(defaultPath("routes", root), "/var/lib/terok/vault/routes.json");
  assert.equal(defaultPath("user", root), "/etc/terok/agent/agents");
});

Deno.test("defaultPath lets the TEROK variables win", () => {
  const vars = context({
    TEROK_ROOT: "/t",
    TEROK_SANDBOX_LIVE_DIR: "/live",
    TEROK_VAULT_DIR: "/vault",
  }, true);
  assert.equal(defaultPath("mounts", vars), "/live/mounts");
  assert.equal(defaultPath("routes", vars), "/vault/routes.json");
  assert.equal(defaultPath("mounts", context({ TEROK_ROOT: "/t" })), "/t/sandbox-live/mounts");
});

Deno.test("defaultPath ignores relative XDG values and refuses relative TEROK values", () => {
  const relXdg = context({ HOME: "/h", XDG_DATA_HOME: "rel" });
  assert.equal(defaultPath("mounts", relXdg), "/h/.local/share/terok/sandbox-live/mounts");
  assert.throws(
    () => defaultPath("mounts", context({ TEROK_ROOT: "rel" })),
    { name: "RangeError", message: 'TEROK_ROOT must be an absolute path, got "rel"' },
  );
  assert.throws(() => defaultPath("user", context({})), RangeError);
});
