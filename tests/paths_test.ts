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
  assert.equal(defaultPath("providers", user), "/home/ada/.config/terok/agent/providers");
  const xdg = context({ HOME: "/home/ada", XDG_DATA_HOME: "/d/", XDG_CONFIG_HOME: "/c" });
  assert.equal(defaultPath("mounts", xdg), "/d/terok/sandbox-live/mounts");
  assert.equal(defaultPath("user", xdg), "/c/terok/agent/agents");
  assert.equal(defaultPath("providers", xdg), "/c/terok/agent/providers");
});

Deno.test("defaultPath uses the FHS layout for root", () => {
  const root = context({ HOME: "/root", XDG_CONFIG_HOME: "/c" }, true);
  assert.equal(defaultPath("mounts", root), "/var/lib/terok/sandbox-live/mounts");
  assert.equal(defaultPath("routes", root), "/var/lib/terok/vault/routes.json");
  assert.equal(defaultPath("user", root), "/etc/terok/agent/agents");
  assert.equal(defaultPath("providers", root), "/etc/terok/agent/providers");
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

Deno.test("defaultPath treats an empty value as unset, as terok does", () => {
  const vars = context({ TEROK_ROOT: "", TEROK_VAULT_DIR: "", HOME: "/h" });
  assert.equal(defaultPath("routes", vars), "/h/.local/share/terok/vault/routes.json");
});

Deno.test("defaultPath refuses a TEROK location that is the file-system root", () => {
  for (const name of ["TEROK_ROOT", "TEROK_SANDBOX_LIVE_DIR", "TEROK_VAULT_DIR"] as const) {
    for (const value of ["/", "//", "/.", "/tmp/..", "~"]) {
      const vars = context({ [name]: value, HOME: "/" });
      const location = name === "TEROK_SANDBOX_LIVE_DIR" ? "mounts" : "routes";
      assert.throws(() => defaultPath(location, vars), {
        name: "RangeError",
        message: `${name} is ${JSON.stringify(value)}: terok's files cannot live directly in ` +
          'the file-system root, and no grant may be "/"; name a directory or unset it',
      });
    }
  }
});

Deno.test("defaultPath honours HOME=/ (the paths under it are never / itself)", () => {
  const vars = context({ HOME: "/" });
  assert.equal(defaultPath("mounts", vars), "/.local/share/terok/sandbox-live/mounts");
  assert.equal(defaultPath("user", vars), "/.config/terok/agent/agents");
  assert.equal(
    defaultPath("routes", context({ HOME: "/", XDG_DATA_HOME: "/" })),
    "/terok/vault/routes.json",
  );
});

Deno.test("defaultPath expands ~ in TEROK values with HOME, as terok does", () => {
  const vars = context({ HOME: "/home/ada/", TEROK_ROOT: "~/t", TEROK_VAULT_DIR: "~" });
  assert.equal(defaultPath("mounts", vars), "/home/ada/t/sandbox-live/mounts");
  assert.equal(defaultPath("routes", vars), "/home/ada/routes.json");
  assert.throws(() => defaultPath("mounts", context({ TEROK_ROOT: "~/t" })), {
    name: "RangeError",
    message:
      'TEROK_ROOT starts with "~", but HOME is not set to an absolute path to expand it with',
  });
  assert.throws(() => defaultPath("mounts", context({ TEROK_ROOT: "~bob/t", HOME: "/h" })), {
    name: "RangeError",
    message: 'TEROK_ROOT must be an absolute path, got "~bob/t"',
  });
});

Deno.test("defaultPath takes ROOT from config.yml only when TEROK_ROOT is unset", () => {
  let asked = 0;
  const configRoot = () => {
    asked++;
    return "/virt/terok";
  };
  const fromConfig = { ...context({ HOME: "/h" }), configRoot };
  assert.equal(defaultPath("mounts", fromConfig), "/virt/terok/sandbox-live/mounts");
  assert.equal(asked, 1);
  const withVar = { ...context({ HOME: "/h", TEROK_ROOT: "/t" }), configRoot };
  assert.equal(defaultPath("routes", withVar), "/t/vault/routes.json");
  assert.equal(defaultPath("user", fromConfig), "/h/.config/terok/agent/agents");
  assert.equal(asked, 1);
});
