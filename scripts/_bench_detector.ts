/**
 * `deno task bench`'s detector case, in a process of its own: the detector alone over a tree's
 * bytes, read beforehand, best of seven rounds. Run apart from the bench, whose heap holds the
 * garbage of writing the tree (a collection of it during the rounds timed that, not the
 * detector).
 *
 * Usage: `deno run --allow-read=ROOT scripts/_bench_detector.ts ROOT`; prints one JSON object:
 * `{ "ms": best round, "bytes": bytes read, "found": [fingerprint, or "rule path:line"] }`.
 *
 * @module
 */

import { ChunkedDetector, detectSecrets, isBinary, loadYamlParser } from "../src/mod.ts";

/** Files above this size go through the chunked detector, in chunks of this size. */
const CHUNK = 1 << 20;
const ROUNDS = 7;

function* walk(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else if (entry.isFile) yield path;
  }
}

const root = Deno.args[0]!;
await loadYamlParser(); // as the deep walk does before it starts
const files = [...walk(root)].map((path) => ({
  path: path.slice(root.length + 1),
  name: path.slice(path.lastIndexOf("/") + 1),
  bytes: Deno.readFileSync(path),
}));
let best = Infinity;
const found = new Set<string>();
for (let round = 0; round < ROUNDS; round++) {
  const start = performance.now();
  const evidence: [string, { rule: string; line: number | null; fingerprint: string | null }][] =
    [];
  for (const file of files) {
    if (isBinary(file.bytes.subarray(0, 8192))) continue;
    const context = { fileName: file.name, deep: true };
    if (file.bytes.length <= CHUNK) {
      for (const item of detectSecrets(file.bytes, context)) evidence.push([file.path, item]);
      continue;
    }
    const detector = new ChunkedDetector(context);
    for (let at = 0; at < file.bytes.length; at += CHUNK) {
      detector.push(file.bytes.subarray(at, at + CHUNK));
    }
    for (const item of detector.finish()) evidence.push([file.path, item]);
  }
  best = Math.min(best, performance.now() - start);
  for (const [path, item] of evidence) {
    found.add(item.fingerprint ?? `${item.rule} ${path}:${item.line}`);
  }
}
const bytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
console.log(JSON.stringify({ ms: best, bytes, found: [...found] }));
