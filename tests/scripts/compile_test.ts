/**
 * The compile script: its baked flags, the runtime-missing path, and the binary's flags
 * exercised through the source entry (a compile adds no untested path).
 */
import assert from "node:assert/strict";
import { compileArgs, shellWord } from "../../scripts/compile_args.ts";
import { denoDir, PROJECT_DIR, runTask } from "../_run_vault.ts";

const ENV_FLAG =
  "--allow-env=TEROK_ROOT,TEROK_CONFIG_FILE,TEROK_SANDBOX_LIVE_DIR,TEROK_VAULT_DIR,XDG_DATA_HOME," +
  "XDG_CONFIG_HOME,HOME,NO_COLOR";

Deno.test("the FHS binary bakes the union of every command's grants, nothing more", () => {
  assert.deepEqual(compileArgs({ layout: "fhs", output: "/out/terok-vault" }, "/src"), [
    "compile",
    "--config=/src/deno.json",
    "--no-prompt",
    ENV_FLAG,
    "--allow-sys=uid",
    "--allow-read=/etc/terok/config.yml,/etc/terok/agent/agents,/etc/terok/agent/providers,/var/lib/terok/vault,/var/lib/terok/vault/routes.json," +
    "/var/lib/terok/sandbox-live/mounts,/etc/terok/vault-allow.yaml",
    "--allow-write=/var/lib/terok/vault,/var/lib/terok/sandbox-live/mounts,/proc/self/cwd",
    "--output=/out/terok-vault",
    "/src/src/main.ts",
  ]);
});

Deno.test("the user layout bakes one user's XDG paths, and a target", () => {
  const env = (name: string) => ({ HOME: "/home/ada" } as Record<string, string>)[name];
  const args = compileArgs(
    { layout: "user", output: "o", target: "aarch64-unknown-linux-gnu", env },
    "/src",
  );
  assert.ok(args.includes("--target=aarch64-unknown-linux-gnu"));
  assert.ok(args.includes(
    "--allow-read=/etc/terok/config.yml,/home/ada/.config/terok/config.yml," +
      "/home/ada/.config/terok/agent/agents,/home/ada/.config/terok/agent/providers," +
      "/home/ada/.local/share/terok/vault," +
      "/home/ada/.local/share/terok/vault/routes.json," +
      "/home/ada/.local/share/terok/sandbox-live/mounts,/home/ada/.config/terok/vault-allow.yaml",
  ));
  assert.ok(args.includes(
    "--allow-write=/home/ada/.local/share/terok/vault,/home/ada/.local/share/terok/sandbox-live/mounts,/proc/self/cwd",
  ));
});

Deno.test("DENORT_BIN naming a missing file says so in one line, exits 1 and leaves nothing", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-compile-" }));
  try {
    const run = await runTask("compile", ["--output", `${dir}/out/tv`], {
      env: { DENORT_BIN: `${dir}/no-such-denort` },
    });
    assert.deepEqual(run, {
      code: 1,
      stdout: "",
      stderr: `terok-vault: error: compile: DENORT_BIN names "${dir}/no-such-denort", which is ` +
        `not a file; point it at a denort ${Deno.version.deno} binary. Nothing was built.\n`,
    });
    assert.equal(await Deno.lstat(`${dir}/out`).then(() => true, () => false), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the whole compile pipeline, with deno standing in for denort: a binary at --output, nothing staged", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-compile-" }));
  try {
    const denort = await Deno.realPath(Deno.execPath());
    // A relative --output is the caller's, like every path the CLI takes.
    const run = await runTask("compile", ["--layout", "fhs", "--output", "out/tv"], {
      cwd: dir,
      env: { DENORT_BIN: denort },
      timeoutMs: 120_000,
    });
    assert.deepEqual(run, {
      code: 0,
      stdout: `Built ${dir}/out/tv (layout fhs)\n`,
      stderr:
        `terok-vault: warning: compile: DENORT_BIN is a full Deno (deno ${Deno.version.deno}), ` +
        `not denort: this only exercised the build pipeline; ${dir}/out/tv is not a working ` +
        `terok-vault binary. Use a denort ${Deno.version.deno} binary for a real build.\n`,
    });
    assert.deepEqual([...Deno.readDirSync(`${dir}/out`)].map((entry) => entry.name), ["tv"]);
    const info = await Deno.stat(`${dir}/out/tv`);
    assert.ok(info.isFile && (info.mode! & 0o111) !== 0 && info.size > 1_000_000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compile --help prints its usage; usage errors exit 2 with the usage line", async () => {
  const help = await runTask("compile", ["--help"]);
  assert.equal(help.code, 0);
  assert.equal(help.stderr, "");
  assert.match(help.stdout, /^Usage: deno task compile \[--layout fhs\|user\] /);
  assert.match(help.stdout, /DENORT_BIN/);
  const usage =
    "Usage: deno task compile [--layout fhs|user] [--target TRIPLE] [--output PATH] [--print]\n";
  for (
    const [args, message] of [
      [["--layout", "arm"], 'Unknown layout "arm"'],
      [["--output"], '"--output" needs a value'],
      [["--output", "--print"], '"--output" needs a value'],
      [["--bogus"], 'Unknown argument "--bogus"'],
    ] as const
  ) {
    assert.deepEqual(await runTask("compile", args), {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: compile: ${message}\n${usage}`,
    }, args.join(" "));
  }
});

Deno.test("the user-layout binary's flags run every command from source", async () => {
  const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-binary-" }));
  try {
    const env = { HOME: home };
    const baked = compileArgs(
      { layout: "user", output: "unused", env: (name) => env[name as "HOME"] },
      PROJECT_DIR,
    );
    const flags = baked.filter((arg) => arg.startsWith("--allow-") || arg === "--no-prompt");
    const run = async (...args: string[]) => {
      const output = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--quiet",
          `--config=${PROJECT_DIR}/deno.json`,
          ...flags,
          `${PROJECT_DIR}/src/main.ts`,
          ...args,
        ],
        clearEnv: true,
        env: { HOME: home, PATH: Deno.env.get("PATH") ?? "", DENO_DIR: denoDir() },
        cwd: home,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const decoder = new TextDecoder();
      return {
        code: output.code,
        stdout: decoder.decode(output.stdout),
        stderr: decoder.decode(output.stderr),
      };
    };
    // The binary's defaults are the user layout only when not root; as root (CI) pass the
    // same paths explicitly, which is what the baked grants name.
    const agentDir = `${home}/.config/terok/agent`;
    const user = Deno.uid() === 0
      ? ["--user-dir", `${agentDir}/agents`, "--user-providers", `${agentDir}/providers`]
      : [];
    await Deno.mkdir(`${agentDir}/agents`, { recursive: true }); // must exist
    await Deno.mkdir(`${agentDir}/providers`, { recursive: true });
    const mounts = `${home}/.local/share/terok/sandbox-live/mounts`;
    const vault = `${home}/.local/share/terok/vault/routes.json`;
    const at = Deno.uid() === 0 ? { routes: ["-o", vault], mounts: ["--mounts-dir", mounts] } : {
      routes: [],
      mounts: [],
    };
    const routes = await run("routes", ...at.routes, ...user);
    assert.deepEqual(routes, { code: 0, stdout: `Routes written to ${vault}\n`, stderr: "" });
    await Deno.mkdir(`${mounts}/_vibe-config`, { recursive: true });
    await Deno.writeTextFile(
      `${mounts}/_vibe-config/.env`,
      "MISTRAL_API_KEY=FAKE-TEST-SECRET-not-real\n",
    );
    // As root the default allowlist is /etc/terok/vault-allow.yaml: name the user layout's.
    const allowFile = `${home}/.config/terok/vault-allow.yaml`;
    await Deno.writeTextFile(allowFile, "accept: []\n");
    if (Deno.uid() === 0) user.push("--allow-file", allowFile);
    const scan = await run("scan", ...at.mounts, ...user);
    assert.equal(scan.code, 1, scan.stderr);
    assert.equal(
      scan.stdout,
      `Leaked credential files in ${mounts}:\n  vibe: ${mounts}/_vibe-config/.env\n` +
        "    secret-value at MISTRAL_API_KEY: …real\n",
    );
    const clean = await run("clean", ...at.mounts, ...user);
    assert.equal(clean.code, 0, clean.stderr);
    const id = /^Moved vibe: \S+ to quarantine (\S+):/.exec(clean.stdout)?.[1];
    assert.ok(id !== undefined, clean.stdout);
    // The baked grants cover putting it back too.
    const restore = await run("quarantine", "restore", id, ...at.mounts);
    assert.deepEqual(restore, {
      code: 0,
      stdout: `Restored ${id} to ${mounts}/_vibe-config/.env (mode 0644).\n`,
      stderr: "",
    });
    const deleted = await run("clean", "--delete", ...at.mounts, ...user);
    assert.deepEqual(deleted, {
      code: 0,
      stdout: `Removed vibe: ${mounts}/_vibe-config/.env\n` +
        "    secret-value at MISTRAL_API_KEY: …real\n",
      stderr: "",
    });
    const outside = await run(
      "routes",
      "-o",
      "/tmp/terok-vault-not-granted/routes.json",
      ...user.filter((arg) => arg !== "--allow-file" && arg !== allowFile),
    );
    assert.equal(outside.code, 2);
    assert.match(
      outside.stderr,
      /^terok-vault: error: The permission sandbox refused this: it requires write access to "\/tmp\/terok-vault-not-granted"/,
    );
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("compile --print quotes a path with a space, so the line can be pasted into a shell", async () => {
  const run = await runTask("compile", ["--print", "--output", "/tmp/a dir/it's/tv"]);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, "");
  assert.ok(run.stdout.includes(` '--output=/tmp/a dir/it'\\''s/tv' `), run.stdout);
  const words = await new Deno.Command("sh", {
    args: ["-c", `set -- ${run.stdout.trim().replace(/^deno /, "")}; printf '%s\\n' "$@"`],
    stdout: "piped",
  }).output();
  const lines = new TextDecoder().decode(words.stdout).split("\n");
  assert.ok(lines.includes("--output=/tmp/a dir/it's/tv"), lines.join("\n"));
});

Deno.test("compile --print prints the baked command line for every layout, as the build would run it", async () => {
  const home = "/home/ada";
  for (const layout of ["fhs", "user"] as const) {
    for (const env of [{ HOME: home }, { HOME: home, TEROK_CONFIG_FILE: "/srv/terok.yml" }]) {
      const run = await runTask("compile", ["--layout", layout, "--print", "--output", "/o/tv"], {
        env,
      });
      const expected = compileArgs(
        { layout, output: "/o/tv", env: (name) => (env as Record<string, string>)[name] },
        PROJECT_DIR,
      );
      assert.deepEqual(run, {
        code: 0,
        stdout: `deno ${expected.map(shellWord).join(" ")}\n`,
        stderr: "",
      });
    }
  }
  // The user layout's paths depend on TEROK_CONFIG_FILE: the config file is baked as a read.
  const named = await runTask("compile", ["--layout", "user", "--print"], {
    env: { HOME: home, TEROK_CONFIG_FILE: "/srv/terok.yml" },
  });
  assert.match(named.stdout, / --allow-read=\/srv\/terok\.yml,/);
});

Deno.test("compile --layout user without HOME says which variable is missing in one line, exit 2", async () => {
  assert.deepEqual(
    await runTask("compile", ["--layout", "user", "--print"], { env: { HOME: "" } }),
    {
      code: 2,
      stdout: "",
      stderr:
        "terok-vault: error: compile: Cannot work out the default location: HOME is not set " +
        "to an absolute path; set it, TEROK_ROOT, or pass the path as an option\n",
    },
  );
});
