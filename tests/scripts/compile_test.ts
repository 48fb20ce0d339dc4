/**
 * The compile script: its baked flags, the runtime-missing path, and the binary's flags
 * exercised through the source entry (a compile adds no untested path).
 */
import assert from "node:assert/strict";
import { compileArgs } from "../../scripts/compile_args.ts";
import { denoDir, PROJECT_DIR } from "../_run_vault.ts";

const ENV_FLAG = "--allow-env=TEROK_ROOT,TEROK_SANDBOX_LIVE_DIR,TEROK_VAULT_DIR,XDG_DATA_HOME," +
  "XDG_CONFIG_HOME,HOME,NO_COLOR";

Deno.test("the FHS binary bakes the union of every command's grants, nothing more", () => {
  assert.deepEqual(compileArgs({ layout: "fhs", output: "/out/terok-vault" }, "/src"), [
    "compile",
    "--config=/src/deno.json",
    "--no-prompt",
    ENV_FLAG,
    "--allow-sys=uid",
    "--allow-read=/etc/terok/agent/agents,/var/lib/terok/vault,/var/lib/terok/vault/routes.json," +
    "/var/lib/terok/sandbox-live/mounts",
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
    "--allow-write=/home/ada/.local/share/terok/vault,/home/ada/.local/share/terok/sandbox-live/mounts,/proc/self/cwd",
  ));
});

Deno.test("without a runtime the compile says so in one line, exits 1 and leaves nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "terok-vault-compile-" });
  try {
    const output = await new Deno.Command("deno", {
      args: [
        "task",
        "--quiet",
        `--config=${PROJECT_DIR}/deno.json`,
        "compile",
        "--output",
        `${dir}/out/tv`,
      ],
      env: { DENORT_BIN: `${dir}/no-such-denort`, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 1);
    assert.equal(new TextDecoder().decode(output.stdout), "");
    assert.equal(
      new TextDecoder().decode(output.stderr),
      "compile: deno compile could not get its runtime (denort): it cannot be downloaded here; " +
        "set DENORT_BIN to a local denort 2.9.6 binary and run again. Nothing was built.\n",
    );
    assert.deepEqual([...Deno.readDirSync(`${dir}/out`)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
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
      const output = await new Deno.Command("deno", {
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
    const user = Deno.uid() === 0 ? ["--user-dir", `${home}/.config/terok/agent/agents`] : [];
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
    const scan = await run("scan", ...at.mounts, ...user);
    assert.equal(scan.code, 1, scan.stderr);
    assert.equal(
      scan.stdout,
      `Leaked credential files in ${mounts}:\n  vibe: ${mounts}/_vibe-config/.env\n` +
        "    secret-value at MISTRAL_API_KEY: FAKE…real\n",
    );
    const clean = await run("clean", ...at.mounts, ...user);
    assert.deepEqual(clean, {
      code: 0,
      stdout: `Removed vibe: ${mounts}/_vibe-config/.env\n` +
        "    secret-value at MISTRAL_API_KEY: FAKE…real\n",
      stderr: "",
    });
    const outside = await run("routes", "-o", "/tmp/terok-vault-not-granted/routes.json", ...user);
    assert.equal(outside.code, 2);
    assert.match(
      outside.stderr,
      /^terok-vault: The permission sandbox refused this: it requires write access to "\/tmp\/terok-vault-not-granted"/,
    );
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
