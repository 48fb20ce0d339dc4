import assert from "node:assert/strict";
import { commandGrants } from "../../src/cli/grants.ts";
import { resolveLocations } from "../../src/cli/locations.ts";
import { parseArgs } from "../../src/cli/parse_args.ts";
import { permissionFlags } from "../../src/cli/permission_flags.ts";
import type { FileInvocation } from "../../src/cli/locations.ts";

const userContext = {
  env: (name: string) => ({ HOME: "/home/ada" } as Record<string, string>)[name],
  isRoot: false,
};

function grantsOf(args: string[], realMountsDir?: string) {
  const invocation = parseArgs(args) as FileInvocation;
  const locations = resolveLocations(invocation, userContext, "/work");
  return commandGrants(
    invocation,
    realMountsDir ? { ...locations, realMountsDir } : locations,
  );
}

Deno.test("routes may write (and read) only the output file's directory", () => {
  assert.deepEqual(grantsOf(["routes"]), {
    read: [
      "/etc/terok/config.yml",
      "/home/ada/.config/terok/config.yml",
      "/home/ada/.config/terok/agent/agents",
      "/home/ada/.config/terok/agent/providers",
      "/home/ada/.local/share/terok/vault",
    ],
    write: ["/home/ada/.local/share/terok/vault"],
  });
  assert.deepEqual(grantsOf(["routes", "-o", "out/r.json", "--roster", "./R", "--no-user"]), {
    read: ["/work/R", "/work/out"],
    write: ["/work/out"],
  });
  assert.deepEqual(grantsOf(["routes", "-o", "-", "--no-user"]), { read: [], write: [] });
  assert.deepEqual(
    grantsOf(["routes", "-o", "-", "--user-dir", "/u", "--user-providers", "p"]),
    { read: ["/u", "/work/p"], write: [] },
  );
});

Deno.test("routes --check reads the file and writes nothing", () => {
  assert.deepEqual(grantsOf(["routes", "--check", "-o", "/v/r.json", "--no-user"]), {
    read: ["/v/r.json"],
    write: [],
  });
});

/** scan, clean and watch read terok's config.yml (which files it exposes on purpose). */
const CONFIG_FILES = ["/etc/terok/config.yml", "/home/ada/.config/terok/config.yml"];

Deno.test("scan and a dry run write only the mounts dir (private links), clean also the pinned dir", () => {
  const allow = "/home/ada/.config/terok/vault-allow.yaml";
  assert.deepEqual(grantsOf(["scan", "--mounts-dir", "m", "--user-dir", "/u"]), {
    read: [...CONFIG_FILES, "/u", "/home/ada/.config/terok/agent/providers", "/work/m", allow],
    write: ["/work/m"],
  });
  assert.deepEqual(grantsOf(["clean", "--mounts-dir", "/m", "--no-user"], "/real/m"), {
    read: [...CONFIG_FILES, "/m", "/real/m", allow],
    write: ["/m", "/real/m", "/proc/self/cwd"],
  });
  assert.deepEqual(grantsOf(["clean", "--dry-run", "--mounts-dir", "/m", "--no-user"]), {
    read: [...CONFIG_FILES, "/m", allow],
    write: ["/m"],
  });
  assert.deepEqual(grantsOf(["watch", "--mounts-dir", "/m", "--no-user"]), {
    read: [...CONFIG_FILES, "/m", allow],
    write: ["/m"],
  });
  // quarantine acts on what clean kept, whatever terok exposes: no config to read.
  assert.deepEqual(grantsOf(["quarantine", "list", "--mounts-dir", "/m"]), {
    read: ["/m"],
    write: [],
  });
});

Deno.test("scan, clean and watch read the allowlist (default or --allow-file) and --baseline, never write them", () => {
  assert.deepEqual(
    grantsOf([
      "scan",
      "--mounts-dir",
      "/m",
      "--no-user",
      "--allow-file",
      "a.yaml",
      "--baseline",
      "/r/b.json",
    ]),
    { read: [...CONFIG_FILES, "/m", "/work/a.yaml", "/r/b.json"], write: ["/m"] },
  );
  assert.deepEqual(
    grantsOf(["watch", "--clean", "--mounts-dir", "/m", "--no-user", "--baseline", "b"]),
    {
      read: [...CONFIG_FILES, "/m", "/home/ada/.config/terok/vault-allow.yaml", "/work/b"],
      write: ["/m", "/proc/self/cwd"],
    },
  );
  // Without HOME or XDG_CONFIG_HOME there is no default allowlist, and a scan with its paths
  // given still runs.
  const invocation = parseArgs(["scan", "--mounts-dir", "/m", "--no-user"]) as FileInvocation;
  const bare = resolveLocations(invocation, { env: () => undefined, isRoot: false }, "/");
  const etc = "/etc/terok/config.yml";
  assert.deepEqual(commandGrants(invocation, bare), { read: [etc, "/m"], write: ["/m"] });
  const root = resolveLocations(invocation, { env: () => undefined, isRoot: true }, "/");
  assert.deepEqual(commandGrants(invocation, root).read, [
    etc,
    "/m",
    "/etc/terok/vault-allow.yaml",
  ]);
  // routes and quarantine never read it.
  assert.deepEqual(grantsOf(["quarantine", "list", "--mounts-dir", "/m"]).read, ["/m"]);
});

Deno.test("permissionFlags grants env, uid and the paths, nothing else", () => {
  assert.deepEqual(permissionFlags({ read: ["/a", "/b"], write: ["/b"] }), [
    "--no-prompt",
    "--allow-env=TEROK_ROOT,TEROK_CONFIG_FILE,TEROK_SANDBOX_LIVE_DIR,TEROK_VAULT_DIR,XDG_DATA_HOME,XDG_CONFIG_HOME,HOME,NO_COLOR",
    "--allow-sys=uid",
    "--allow-read=/a,/b",
    "--allow-write=/b",
  ]);
  assert.throws(() => permissionFlags({ read: ["/a,b"], write: [] }), {
    name: "RangeError",
    message: 'Cannot grant access to "/a,b": Deno cannot grant permissions on a path that ' +
      'contains ",", so rename or move it',
  });
});

Deno.test("permissionFlags() never grants the whole file system or a relative path", () => {
  for (const path of ["/", "//", "/.", "", "relative"]) {
    assert.throws(() => permissionFlags({ read: ["/a"], write: [path] }), {
      name: "RangeError",
      message: `Refusing to grant access to "${path}": a grant must name an absolute path ` +
        `below "/", never the whole file system`,
    });
  }
});

Deno.test("commandGrants() refuses a routes file directly in /", () => {
  assert.throws(() => grantsOf(["routes", "-o", "/routes.json", "--no-user"]), {
    name: "RangeError",
    message: 'Refusing to write "/routes.json": writing a file directly in "/" would need read ' +
      "and write access to the whole file system; choose a file in a directory",
  });
  assert.deepEqual(grantsOf(["routes", "--check", "-o", "/routes.json", "--no-user"]), {
    read: ["/routes.json"],
    write: [],
  });
});
