/**
 * The source launcher through the real CLI: which directory relative paths come from, and
 * what it refuses to grant.
 */
import assert from "node:assert/strict";
import { fileUrlPath } from "../../scripts/_file_url_path.ts";
import { PROJECT_DIR, runTask } from "../_run_vault.ts";

const LEAK = "MISTRAL_API_KEY=FAKE-TEST-SECRET-not-real\n";

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-launch-" }));
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function plantLeak(mounts: string): Promise<string> {
  await Deno.mkdir(`${mounts}/_vibe-config`, { recursive: true });
  await Deno.writeTextFile(`${mounts}/_vibe-config/.env`, LEAK);
  return `${mounts}/_vibe-config/.env`;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.lstat(path).then(() => true, () => false);
}

Deno.test("clean takes a relative --mounts-dir from where it was run, not from a stale INIT_CWD", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/a`);
    await Deno.mkdir(`${dir}/b`);
    const elsewhere = await plantLeak(`${dir}/a/mounts`);
    const here = await plantLeak(`${dir}/b/mounts`);
    const run = await runTask("clean", ["--mounts-dir", "mounts", "--no-user"], {
      cwd: `${dir}/b`,
      env: { INIT_CWD: `${dir}/a` },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await exists(here), false);
    assert.equal(await Deno.readTextFile(elsewhere), LEAK);
  });
});

Deno.test("a nonexistent INIT_CWD changes nothing: relative paths still come from the real directory", async () => {
  await withTempDir(async (dir) => {
    const run = await runTask("routes", ["-o", "out.json", "--no-user"], {
      cwd: dir,
      env: { INIT_CWD: "/nonexistent" },
    });
    assert.deepEqual(run, { code: 0, stdout: `Routes written to ${dir}/out.json\n`, stderr: "" });
  });
});

Deno.test("a relative path is refused in one line when the caller's directory cannot be known", async () => {
  await withTempDir(async (dir) => {
    // The launcher's parent stands in a directory that no longer exists, while the launcher
    // itself runs in the checkout: the parent's directory cannot be entered.
    const script = [
      "import os, subprocess, sys",
      `os.mkdir(${JSON.stringify(`${dir}/gone`)}); os.chdir(${JSON.stringify(`${dir}/gone`)})`,
      `os.rmdir(${JSON.stringify(`${dir}/gone`)})`,
      "r = subprocess.run(sys.argv[1:], cwd=" + JSON.stringify(PROJECT_DIR) +
      ", capture_output=True, text=True)",
      "sys.stdout.write(r.stdout); sys.stderr.write(r.stderr); sys.exit(r.returncode)",
    ].join("\n");
    const launcher = [
      Deno.execPath(),
      "run",
      "--quiet",
      "--no-prompt",
      `--config=${PROJECT_DIR}/deno.json`,
      "--allow-env",
      "--allow-sys=uid",
      "--allow-run",
      `${PROJECT_DIR}/scripts/launch.ts`,
    ];
    const run = async (...args: string[]) => {
      const output = await new Deno.Command("python3", {
        args: ["-c", script, ...launcher, ...args],
        env: { NO_COLOR: "1" },
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
    assert.deepEqual(await run("routes", "-o", "out.json", "--no-user"), {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: Cannot tell which directory the command was run in, so the ` +
        `relative path "out.json" cannot be resolved; give an absolute path\n`,
    });
    // Absolute paths need no caller directory.
    assert.deepEqual(await run("routes", "-o", `${dir}/out.json`, "--no-user"), {
      code: 0,
      stdout: `Routes written to ${dir}/out.json\n`,
      stderr: "",
    });
  });
});

Deno.test("routes refuses an output file directly in / (the grant would be the whole file system)", async () => {
  const message = `terok-vault: error: Refusing to write "/routes.json": writing a file directly ` +
    `in "/" would need read and write access to the whole file system; choose a file in a ` +
    `directory\n`;
  assert.deepEqual(await runTask("routes", ["-o", "/routes.json", "--no-user"]), {
    code: 2,
    stdout: "",
    stderr: message,
  });
  assert.deepEqual(await runTask("routes", ["-o", "routes.json", "--no-user"], { cwd: "/" }), {
    code: 2,
    stdout: "",
    stderr: message,
  });
  assert.equal(await exists("/routes.json"), false);
});

Deno.test("scan refuses / as the mounts dir: no grant is ever the whole file system", async () => {
  assert.deepEqual(await runTask("scan", ["--mounts-dir", "/", "--no-user"]), {
    code: 2,
    stdout: "",
    stderr: `terok-vault: error: Refusing to grant access to "/": a grant must name an ` +
      `absolute path below "/", never the whole file system\n`,
  });
});

Deno.test("a path with a comma says that Deno cannot grant it, and exits 2", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/a,b`);
    const run = await runTask("routes", ["-o", `${dir}/a,b/routes.json`, "--no-user"]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: Cannot grant access to "${dir}/a,b": Deno cannot grant ` +
        `permissions on a path that contains ",", so rename or move it\n`,
    });
    assert.deepEqual([...Deno.readDirSync(`${dir}/a,b`)], []);
  });
});

Deno.test("fileUrlPath() decodes a checkout path with a space, % and non-ASCII", () => {
  const path = "/tmp/a b/100%/%41/é";
  const url = new URL(`file://${path.split("/").map(encodeURIComponent).join("/")}/`);
  assert.equal(fileUrlPath(url), path);
  assert.equal(fileUrlPath(new URL("file:///")), "/");
  assert.throws(() => fileUrlPath(new URL("https://x/")), TypeError);
});

Deno.test("the program itself refuses a routes file directly in / (the binary has no launcher)", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      `--config=${PROJECT_DIR}/deno.json`,
      "--no-prompt",
      "--allow-env",
      "--allow-sys=uid",
      `${PROJECT_DIR}/src/main.ts`,
      "routes",
      "-o",
      "/routes.json",
      "--no-user",
    ],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 2);
  assert.equal(new TextDecoder().decode(output.stdout), "");
  assert.match(
    stderr,
    /^terok-vault: (error: )?Refusing to write "\/routes\.json": writing a file /,
  );
  assert.equal(stderr.split("\n").length, 2, stderr);
});
