// Copyright the terok-vault authors. MIT license.
/**
 * Nothing in the project starts Deno by the name `deno`: that name may find npm's node wrapper,
 * which costs a Node start-up and passes no signal on to the real process. Code starts
 * `Deno.execPath()` (the running binary); a task's own `deno` is the running binary too, since
 * `deno task` runs a command named `deno` as itself (tests/scripts/launch_wrapper_e2e_test.ts
 * proves it with a wrapper first on PATH). The e2e test covers the launcher at run time; this
 * test covers every other place: the scripts, the benchmarks, the tests and their helpers.
 */
import assert from "node:assert/strict";
import { fileUrlPath } from "../scripts/_file_url_path.ts";

const ROOT = fileUrlPath(new URL("..", import.meta.url));
/** This file: its samples name deno on purpose. */
const SELF = "tests/start_deno_by_path_test.ts";

/** Lines that may hold the name as a string: each prints a command for a person to copy. */
const PRINTED: Readonly<Record<string, RegExp>> = {
  "scripts/compile.ts": /^\s*console\.log\(\["deno", \.\.\.compileArgs\(/,
};

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(`${ROOT}/${dir}`)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (/\.(ts|py|sh)$/.test(entry.name)) yield path;
  }
}

/** The code lines of `text`: comment lines and trailing `//` comments left out. */
function codeLines(text: string): [number, string][] {
  return text.split("\n").map((line, i) => [i + 1, line] as [number, string]).filter(
    ([, line]) => !/^\s*(\/\/|\/\*|\*|#)/.test(line),
  );
}

Deno.test("no source, script or test starts Deno by the name deno", async () => {
  const found: string[] = [];
  for (const dir of ["src", "scripts", "tests"]) {
    for await (const path of sourceFiles(dir)) {
      if (path === SELF) continue;
      for (const [number, line] of codeLines(await Deno.readTextFile(`${ROOT}/${path}`))) {
        // The name as a whole string: a command's name, an argv's first word, a spawn's program.
        if (!/(["'`])deno\1/.test(line)) continue;
        if (PRINTED[path]?.test(line)) continue;
        found.push(`${path}:${number}: ${line.trim()}`);
      }
    }
  }
  assert.deepEqual(found, [], "start Deno.execPath() instead");
});

Deno.test("the scanner of this test finds a start by name and ignores a comment", () => {
  const sample = [
    "// never run `deno` from PATH",
    'const child = new Deno.Command("deno", { args: ["run"] });',
    "subprocess.run(['deno', 'run', script])",
  ].join("\n");
  const hits = codeLines(sample).filter(([, line]) => /(["'`])deno\1/.test(line));
  assert.deepEqual(hits.map(([number]) => number), [2, 3]);
});

Deno.test("every deno.json task starts deno only as a command of its own, which deno task runs as itself", async () => {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`));
  const wrong: string[] = [];
  for (const [name, task] of Object.entries(config.tasks as Record<string, string>)) {
    // Each command of the task: its leading VAR=value words dropped, `deno` may be its first
    // word and nowhere else (inside `sh -c`, `xargs`, `env` or `npx` it is looked up on PATH).
    for (const command of task.split(/&&|\|\||[;|]/)) {
      const words = command.trim().split(/\s+/);
      while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words.shift();
      const later = words.slice(1).filter((word) => /(^|[^\w.-])deno($|[^\w.-])/.test(word));
      if (later.length > 0) wrong.push(`${name}: ${command.trim()}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.match(config.tasks.watch, /^deno run /);
});
