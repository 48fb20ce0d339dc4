import assert from "node:assert/strict";
import { writeTextFileAtomic } from "../../src/roster/mod.ts";
import { NEW_FILE_MODE } from "../../src/roster/write_text_file_atomic.ts";
import { withTempDir } from "./_helpers.ts";

async function namesIn(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

Deno.test("writeTextFileAtomic() writes the exact UTF-8 bytes, creating the parent", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/vault/nested/routes.json`;
    await writeTextFileAtomic(path, '{\n  "ä": "✓"\n}\n');
    assert.deepEqual(
      await Deno.readFile(path),
      new TextEncoder().encode('{\n  "ä": "✓"\n}\n'),
    );
    assert.deepEqual(await namesIn(`${dir}/vault/nested`), ["routes.json"]);
  });
});

Deno.test("writeTextFileAtomic() replaces an existing file and leaves no temporary file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/routes.json`;
    await Deno.writeTextFile(path, "old content that is longer than the new one\n");
    await writeTextFileAtomic(path, "{}\n");
    assert.equal(await Deno.readTextFile(path), "{}\n");
    assert.deepEqual(await namesIn(dir), ["routes.json"]);
  });
});

Deno.test("writeTextFileAtomic() replaces a symlink itself, never writing through it", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/elsewhere`, "untouched\n");
    await Deno.symlink(`${dir}/elsewhere`, `${dir}/routes.json`);
    await writeTextFileAtomic(`${dir}/routes.json`, "{}\n");
    assert.equal(await Deno.readTextFile(`${dir}/elsewhere`), "untouched\n");
    assert.equal((await Deno.lstat(`${dir}/routes.json`)).isFile, true);
  });
});

Deno.test("writeTextFileAtomic() fails on a directory target and leaves nothing behind", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/routes.json`);
    await Deno.writeTextFile(`${dir}/routes.json/keep`, "old\n");
    await assert.rejects(
      () => writeTextFileAtomic(`${dir}/routes.json`, "{}\n"),
      Deno.errors.IsADirectory,
    );
    assert.deepEqual(await namesIn(dir), ["routes.json"]);
    assert.equal(await Deno.readTextFile(`${dir}/routes.json/keep`), "old\n");
  });
});

Deno.test("writeTextFileAtomic() leaves the old file untouched when the write fails", async () => {
  await withTempDir(async (dir) => {
    // Granted write on the target alone, the temporary file cannot be created: the call fails
    // and the old content must survive.
    const path = `${dir}/routes.json`;
    await Deno.writeTextFile(path, "old\n");
    const module = new URL("../../src/roster/write_text_file_atomic.ts", import.meta.url).href;
    const script = `${dir}/../${dir.split("/").pop()}_probe.ts`;
    await Deno.writeTextFile(
      script,
      `import { writeTextFileAtomic } from ${JSON.stringify(module)};
      try { await writeTextFileAtomic(${JSON.stringify(path)}, "new\\n"); console.log("written"); }
      catch (error) { console.log(error.name); }`,
    );
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", `--allow-read=${dir}`, `--allow-write=${path}`, script],
      stdout: "piped",
      stderr: "inherit",
    }).output().finally(() => Deno.remove(script));
    assert.equal(new TextDecoder().decode(output.stdout), "NotCapable\n");
    assert.equal(await Deno.readTextFile(path), "old\n");
    assert.deepEqual(await namesIn(dir), ["routes.json"]);
  });
});

Deno.test("writeTextFileAtomic() fails without side effects when the parent cannot be created", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/file`, "old\n");
    await assert.rejects(
      () => writeTextFileAtomic(`${dir}/file/sub/routes.json`, "{}\n"),
      Deno.errors.NotADirectory,
    );
    assert.equal(await Deno.readTextFile(`${dir}/file`), "old\n");
    assert.deepEqual(await namesIn(dir), ["file"]);
  });
});

Deno.test("writeTextFileAtomic() never leaves a torn or temporary file under concurrent writers", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/routes.json`;
    const texts = Array.from({ length: 8 }, (_, i) => `${String(i).repeat(4096)}\n`);
    await Promise.all(texts.map((text) => writeTextFileAtomic(path, text)));
    assert.ok(texts.includes(await Deno.readTextFile(path)));
    assert.deepEqual(await namesIn(dir), ["routes.json"]);
  });
});

Deno.test("writeTextFileAtomic() writes a bare file name in the current directory", async () => {
  await withTempDir(async (dir) => {
    const previous = Deno.cwd();
    Deno.chdir(dir);
    try {
      await writeTextFileAtomic("routes.json", "{}\n");
    } finally {
      Deno.chdir(previous);
    }
    assert.equal(await Deno.readTextFile(`${dir}/routes.json`), "{}\n");
    assert.deepEqual(await namesIn(dir), ["routes.json"]);
  });
});

function modeOf(path: string): number {
  return (Deno.statSync(path).mode ?? 0) & 0o7777;
}

Deno.test("writeTextFileAtomic() gives a new file mode 0600, whatever the umask", async () => {
  await withTempDir(async (dir) => {
    await writeTextFileAtomic(`${dir}/routes.json`, "{}\n");
    assert.equal(modeOf(`${dir}/routes.json`), NEW_FILE_MODE);
    assert.equal(NEW_FILE_MODE, 0o600);
  });
});

Deno.test("writeTextFileAtomic() keeps the mode of the file it replaces", async () => {
  await withTempDir(async (dir) => {
    for (const mode of [0o600, 0o640, 0o644, 0o400]) {
      const path = `${dir}/routes-${mode.toString(8)}.json`;
      await Deno.writeTextFile(path, "old\n");
      await Deno.chmod(path, mode);
      await writeTextFileAtomic(path, "{}\n");
      assert.equal(await Deno.readTextFile(path), "{}\n");
      assert.equal(modeOf(path).toString(8), mode.toString(8));
    }
  });
});

Deno.test("writeTextFileAtomic() removes stale temporary files of its own pattern only", async () => {
  await withTempDir(async (dir) => {
    const ours = (base: string) => `.${base}.${crypto.randomUUID()}.tmp`;
    const stale = ours("routes.json");
    const otherBase = ours("other.json");
    const symlink = ours("routes.json");
    const directory = ours("routes.json");
    await Deno.writeTextFile(`${dir}/${stale}`, "half");
    await Deno.writeTextFile(`${dir}/${otherBase}`, "kept");
    await Deno.writeTextFile(`${dir}/target`, "kept");
    await Deno.symlink(`${dir}/target`, `${dir}/${symlink}`);
    await Deno.mkdir(`${dir}/${directory}`);
    await Deno.writeTextFile(`${dir}/.routes.json.not-a-uuid.tmp`, "kept");
    await writeTextFileAtomic(`${dir}/routes.json`, "{}\n");
    assert.deepEqual(
      await namesIn(dir),
      [otherBase, symlink, directory, ".routes.json.not-a-uuid.tmp", "routes.json", "target"]
        .sort(),
    );
    assert.equal(await Deno.readTextFile(`${dir}/target`), "kept");
  });
});

Deno.test("writeTextFileAtomic() leaves a temporary file alone while a running write holds it", async () => {
  await withTempDir(async (dir) => {
    const busy = `${dir}/.routes.json.${crypto.randomUUID()}.tmp`;
    using held = await Deno.open(busy, { write: true, createNew: true });
    await held.lock(true);
    await writeTextFileAtomic(`${dir}/routes.json`, "{}\n");
    assert.deepEqual(await namesIn(dir), [busy.slice(dir.length + 1), "routes.json"]);
    await held.unlock();
    await writeTextFileAtomic(`${dir}/routes.json`, "{}\n");
    assert.deepEqual(await namesIn(dir), ["routes.json"]);
  });
});
