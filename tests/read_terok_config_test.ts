/**
 * terok's config.yml `paths.root`, layered and checked, through the same path the CLI takes
 * (`resolveCommandLocations` with a context whose system config file is a temp file).
 */
import assert from "node:assert/strict";
import { resolveCommandLocations } from "../src/cli/resolve_command_locations.ts";
import { parseArgs } from "../src/cli/parse_args.ts";
import type { FileInvocation } from "../src/cli/locations.ts";
import type { EnvName, PathContext } from "../src/paths.ts";
import { TerokConfigError } from "../src/read_terok_config.ts";
import { configFiles } from "../src/config_files.ts";

interface Setup {
  /** The system config.yml text, or undefined for none. */
  system?: string;
  /** The user config.yml text (`<home>/.config/terok/config.yml`), or undefined for none. */
  user?: string;
  env?: Partial<Record<EnvName, string>>;
  isRoot?: boolean;
}

/** Runs `body` with the config files written under a temp dir that plays HOME and /etc. */
async function withConfig<T>(
  setup: Setup,
  body: (dir: string, context: PathContext) => Promise<T>,
): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "terok-vault-config-" });
  try {
    await Deno.mkdir(`${dir}/etc/terok`, { recursive: true });
    await Deno.mkdir(`${dir}/home/.config/terok`, { recursive: true });
    if (setup.system !== undefined) {
      await Deno.writeTextFile(`${dir}/etc/terok/config.yml`, setup.system);
    }
    if (setup.user !== undefined) {
      await Deno.writeTextFile(`${dir}/home/.config/terok/config.yml`, setup.user);
    }
    const vars: Partial<Record<EnvName, string>> = { HOME: `${dir}/home`, ...setup.env };
    const context: PathContext = {
      env: (name) => vars[name],
      isRoot: setup.isRoot ?? false,
      systemConfigFile: `${dir}/etc/terok/config.yml`,
    };
    return await body(dir, context);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function mountsDir(context: PathContext, args = ["scan"]): Promise<string | undefined> {
  const invocation = parseArgs(args) as FileInvocation;
  return (await resolveCommandLocations(invocation, context, "/")).locations.mountsDir;
}

async function configError(setup: Setup): Promise<string> {
  return await withConfig(setup, async (dir, context) => {
    const error = await mountsDir(context).then(
      () => assert.fail("Expected the config to be refused"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof TerokConfigError, String(error));
    return error.message.replaceAll(dir, "<tmp>");
  });
}

Deno.test("config: a non-root user's file overlays the system file", async () => {
  const system = "paths:\n  root: /srv/system-root\nother: kept\n";
  await withConfig({ system, user: "paths:\n  root: /srv/user-root\n" }, async (dir, context) => {
    assert.equal(await mountsDir(context), "/srv/user-root/sandbox-live/mounts");
    assert.deepEqual(configFiles(context), [
      `${dir}/etc/terok/config.yml`,
      `${dir}/home/.config/terok/config.yml`,
    ]);
  });
  const cases: [string, string][] = [
    ["other: 1\n", "/srv/system-root"],
    ["paths:\n  other: 1\n", "/srv/system-root"],
    ["paths: _inherit\n", "/srv/system-root"],
    ["paths:\n  root: _inherit\n", "/srv/system-root"],
    ["paths:\n  _inherit: true\n  root: /srv/u\n", "/srv/u"],
    ["", "/srv/system-root"],
    ["# only a comment\n", "/srv/system-root"],
  ];
  for (const [user, root] of cases) {
    await withConfig({ system, user }, async (_dir, context) => {
      assert.equal(await mountsDir(context), `${root}/sandbox-live/mounts`, user);
    });
  }
});

Deno.test("config: null or an empty root in the user file drops the system's root", async () => {
  const system = "paths:\n  root: /srv/system-root\n";
  for (const user of ["paths: null\n", "paths:\n  root: ~\n", "paths:\n  root: ''\n"]) {
    await withConfig({ system, user }, async (dir, context) => {
      assert.equal(
        await mountsDir(context),
        `${dir}/home/.local/share/terok/sandbox-live/mounts`,
        user,
      );
    });
  }
});

Deno.test("config: the user file is found under XDG_CONFIG_HOME when that is set", async () => {
  await withConfig({ user: "paths:\n  root: /not/read\n" }, async (dir, context) => {
    const xdg = {
      ...context,
      env: (name: EnvName) => name === "XDG_CONFIG_HOME" ? `${dir}/xdg` : context.env(name),
    };
    await Deno.mkdir(`${dir}/xdg/terok`, { recursive: true });
    await Deno.writeTextFile(`${dir}/xdg/terok/config.yml`, "paths:\n  root: /srv/xdg-root\n");
    assert.equal(await mountsDir(xdg), "/srv/xdg-root/sandbox-live/mounts");
  });
});

Deno.test("config: root reads only the system file", async () => {
  await withConfig(
    { system: "paths:\n  root: /srv/system-root\n", user: "paths: [not, read\n", isRoot: true },
    async (dir, context) => {
      assert.equal(await mountsDir(context), "/srv/system-root/sandbox-live/mounts");
      assert.deepEqual(configFiles(context), [`${dir}/etc/terok/config.yml`]);
    },
  );
});

Deno.test("config: TEROK_ROOT wins, and then routes reads no config file", async () => {
  await withConfig(
    { system: "paths: [broken\n", env: { TEROK_ROOT: "/t" } },
    async (_dir, context) => {
      const invocation = parseArgs(["routes", "--no-user"]) as FileInvocation;
      const { locations } = await resolveCommandLocations(invocation, context, "/");
      assert.equal(locations.routesFile, "/t/vault/routes.json");
      assert.equal(locations.configFiles, undefined);
    },
  );
});

Deno.test("config: paths.sandbox_live_dir moves the mounts dir, as in terok", async () => {
  // terok's sandbox_live_dir(): TEROK_SANDBOX_LIVE_DIR, else paths.sandbox_live_dir, else
  // ROOT/sandbox-live; so the setting wins over TEROK_ROOT and paths.root.
  const system = "paths:\n  root: /srv/root\n  sandbox_live_dir: /srv/live\n";
  await withConfig({ system }, async (_dir, context) => {
    assert.equal(await mountsDir(context), "/srv/live/mounts");
    const routes = parseArgs(["routes", "--no-user"]) as FileInvocation;
    const { locations } = await resolveCommandLocations(routes, context, "/");
    assert.equal(locations.routesFile, "/srv/root/vault/routes.json");
  });
  await withConfig({ system, env: { TEROK_ROOT: "/t" } }, async (_dir, context) => {
    assert.equal(await mountsDir(context), "/srv/live/mounts");
  });
  await withConfig({ system, env: { TEROK_SANDBOX_LIVE_DIR: "/e" } }, async (_dir, context) => {
    assert.equal(await mountsDir(context), "/e/mounts");
  });
  await withConfig(
    { system, user: "paths:\n  sandbox_live_dir: ~/live\n" },
    async (dir, context) => assert.equal(await mountsDir(context), `${dir}/home/live/mounts`),
  );
  for (const user of ["paths:\n  sandbox_live_dir: null\n", "paths:\n  sandbox_live_dir: ''\n"]) {
    await withConfig({ system, user }, async (_dir, context) => {
      assert.equal(await mountsDir(context), "/srv/root/sandbox-live/mounts", user);
    });
  }
  assert.equal(
    await configError({ system: "paths:\n  sandbox_live_dir: 7\n" }),
    "<tmp>/etc/terok/config.yml:2:21: paths.sandbox_live_dir: Expected a string, got an integer",
  );
  assert.equal(
    await configError({ system: "paths:\n  sandbox_live_dir: live\n" }),
    "<tmp>/etc/terok/config.yml:2:21: paths.sandbox_live_dir: The value must be an absolute " +
      'path, got "live"',
  );
});

Deno.test("config: a bad paths.sandbox_live_dir does not stop a command that does not use it", async () => {
  await withConfig(
    { system: "paths:\n  root: /srv/root\n  sandbox_live_dir: 7\n" },
    async (_dir, context) => {
      const routes = parseArgs(["routes", "--no-user"]) as FileInvocation;
      const { locations } = await resolveCommandLocations(routes, context, "/");
      assert.equal(locations.routesFile, "/srv/root/vault/routes.json");
    },
  );
});

Deno.test("config: experimental and expose_oauth_token, layered, name the exposed agents", async () => {
  const exposure = async (setup: Setup) =>
    await withConfig(setup, async (dir, context) => {
      const scan = parseArgs(["scan", "--mounts-dir", "/m"]) as FileInvocation;
      const { config } = await resolveCommandLocations(scan, context, "/");
      assert.ok(config !== undefined);
      return {
        exposed: config.exposedOAuth,
        ignored: config.exposeWithoutExperimental.map(({ file, agent }) =>
          `${file.replace(dir, "<tmp>")}: ${agent}`
        ),
      };
    });
  const claude = "agent:\n  claude:\n    expose_oauth_token: true\n";
  const both = `${claude}  codex:\n    expose_oauth_token: true\n`;
  assert.deepEqual(await exposure({ system: `experimental: true\n${claude}` }), {
    exposed: ["claude"],
    ignored: [],
  });
  assert.deepEqual(await exposure({ system: "experimental: true\n", user: both }), {
    exposed: ["claude", "codex"],
    ignored: [],
  });
  // Without experimental: true (the YAML boolean) nothing is exposed; the setting is noted.
  for (const experimental of ["", "experimental: false\n", "experimental: 'true'\n"]) {
    assert.deepEqual(await exposure({ user: `${experimental}${claude}` }), {
      exposed: [],
      ignored: ["<tmp>/home/.config/terok/config.yml: claude"],
    }, experimental);
  }
  // expose_oauth_token must be true itself (terok tests it with `is True`).
  for (const value of ["'true'", "1", "yes", "false", "null"]) {
    const text = `experimental: true\nagent:\n  claude:\n    expose_oauth_token: ${value}\n`;
    assert.deepEqual(await exposure({ system: text }), { exposed: [], ignored: [] }, value);
  }
  // A later layer can take it back: null deletes, false replaces; _inherit keeps.
  const system = `experimental: true\n${claude}`;
  for (const user of ["agent: null\n", "agent:\n  claude: null\n", "experimental: null\n"]) {
    assert.deepEqual((await exposure({ system, user })).exposed, [], user);
  }
  assert.deepEqual((await exposure({ system, user: "agent: _inherit\n" })).exposed, ["claude"]);
  // Only claude and codex can be exposed in terok; another agent's setting means nothing.
  assert.deepEqual(
    await exposure({ system: "experimental: true\nagent:\n  gh:\n    expose_oauth_token: true\n" }),
    { exposed: [], ignored: [] },
  );
  // A non-mapping agent section exposes nothing (terok's validation would fail): no error.
  assert.deepEqual(await exposure({ system: "experimental: true\nagent: [claude]\n" }), {
    exposed: [],
    ignored: [],
  });
});

Deno.test("config: a run whose locations are all given reads no config file", async () => {
  await withConfig({ system: "paths: [broken\n" }, async (_dir, context) => {
    const invocation = parseArgs(["routes", "-o", "/o/r.json", "--no-user"]) as FileInvocation;
    const { locations } = await resolveCommandLocations(invocation, context, "/");
    assert.deepEqual(locations, { userDir: null, userProvidersDir: null, routesFile: "/o/r.json" });
  });
});

Deno.test("config: TEROK_CONFIG_FILE is read alone, ~ expanded", async () => {
  await withConfig(
    {
      system: "paths:\n  root: /not/read\n",
      user: "paths:\n  root: ~/relocated\n",
      env: { TEROK_CONFIG_FILE: "~/.config/terok/config.yml" },
    },
    async (dir, context) => {
      assert.deepEqual(configFiles(context), [`${dir}/home/.config/terok/config.yml`]);
      assert.equal(await mountsDir(context), `${dir}/home/relocated/sandbox-live/mounts`);
    },
  );
});

Deno.test("config: missing files are simply absent", async () => {
  await withConfig({}, async (dir, context) => {
    assert.equal(await mountsDir(context), `${dir}/home/.local/share/terok/sandbox-live/mounts`);
  });
  await withConfig({ isRoot: true }, async (_dir, context) => {
    assert.equal(await mountsDir(context), "/var/lib/terok/sandbox-live/mounts");
  });
});

Deno.test("config: a bad file is one error naming the file", async () => {
  assert.equal(
    await configError({ system: "paths:\n  root: [x\n" }),
    '<tmp>/etc/terok/config.yml:2:9: The list that starts here with "[" is never closed (a "]" is missing)',
  );
  assert.equal(
    await configError({ user: "paths:\n  root: 5\n" }),
    "<tmp>/home/.config/terok/config.yml:2:9: paths.root: Expected a string, got an integer",
  );
  assert.equal(
    await configError({ system: "paths:\n  root: [a]\n" }),
    "<tmp>/etc/terok/config.yml:2:9: paths.root: Expected a string, got a list",
  );
  assert.equal(
    await configError({ system: "paths: 3\n" }),
    "<tmp>/etc/terok/config.yml:1:8: paths: Expected a mapping, got an integer",
  );
  assert.equal(
    await configError({ system: "- paths\n" }),
    "<tmp>/etc/terok/config.yml:1:1: The top level must be a mapping, got a list",
  );
  assert.equal(
    await configError({ system: "paths:\n  root: relative/dir\n" }),
    '<tmp>/etc/terok/config.yml:2:9: paths.root: The value must be an absolute path, got "relative/dir"',
  );
  assert.equal(
    await configError({ system: "paths:\n  root: /\n" }),
    '<tmp>/etc/terok/config.yml:2:9: paths.root: The value is "/": terok\'s files cannot live ' +
      'directly in the file-system root, and no grant may be "/"; name a directory or unset it',
  );
  assert.equal(
    await configError({ system: "paths:\n  root: /a\n  root: /b\n" }),
    "<tmp>/etc/terok/config.yml:3:3: Duplicated mapping key",
  );
});

Deno.test("config: a file that cannot be read is an error naming it", async () => {
  await withConfig({}, async (dir, context) => {
    await Deno.mkdir(`${dir}/etc/terok/config.yml`);
    await assert.rejects(() => mountsDir(context), {
      name: "TerokConfigError",
      message: `${dir}/etc/terok/config.yml: Is not a regular file`,
    });
  });
  await withConfig({}, async (dir, context) => {
    await Deno.writeFile(`${dir}/etc/terok/config.yml`, new Uint8Array([0x70, 0x3a, 0xff, 0x0a]));
    await assert.rejects(() => mountsDir(context), {
      name: "TerokConfigError",
      message: `${dir}/etc/terok/config.yml: Is not valid UTF-8 text`,
    });
  });
});

Deno.test("config: a bad value overridden by a later file is not an error (as in terok)", async () => {
  await withConfig(
    { system: "paths: 3\n", user: "paths:\n  root: /srv/u\n" },
    async (_dir, context) => {
      assert.equal(await mountsDir(context), "/srv/u/sandbox-live/mounts");
    },
  );
  await withConfig(
    { system: "paths:\n  root: 5\n", user: "paths:\n  root: /srv/u\n" },
    async (_dir, context) => {
      assert.equal(await mountsDir(context), "/srv/u/sandbox-live/mounts");
    },
  );
});

Deno.test("config: other sections may use keys the roster reader refuses", async () => {
  await withConfig(
    { system: "ports:\n  8080: web\n  true: x\npaths:\n  root: /srv/s\n" },
    async (_dir, context) => {
      assert.equal(await mountsDir(context), "/srv/s/sandbox-live/mounts");
    },
  );
});

Deno.test("config: the grants name exactly the config files that decide ROOT", async () => {
  const { commandGrants } = await import("../src/cli/grants.ts");
  const grantsOf = async (context: PathContext) => {
    const invocation = parseArgs(["routes", "--no-user"]) as FileInvocation;
    const { locations } = await resolveCommandLocations(invocation, context, "/");
    return commandGrants(invocation, locations).read;
  };
  await withConfig({}, async (dir, context) => {
    assert.deepEqual(await grantsOf(context), [
      `${dir}/etc/terok/config.yml`,
      `${dir}/home/.config/terok/config.yml`,
      `${dir}/home/.local/share/terok/vault`,
    ]);
    assert.deepEqual(await grantsOf({ ...context, isRoot: true }), [
      `${dir}/etc/terok/config.yml`,
      "/var/lib/terok/vault",
    ]);
  });
  await withConfig({ env: { TEROK_CONFIG_FILE: "/x/c.yml" } }, async (dir, context) => {
    assert.deepEqual(await grantsOf(context), [
      "/x/c.yml",
      `${dir}/home/.local/share/terok/vault`,
    ]);
  });
  await withConfig({ env: { TEROK_ROOT: "/t" } }, async (_dir, context) => {
    assert.deepEqual(await grantsOf(context), ["/t/vault"]);
  });
});
