import { RULES } from "../src/detect/rules.ts";
import { ChunkedDetector, detectSecrets, isBinary } from "../src/mod.ts";
const root = Deno.args[0]!;
function* walk(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) yield* walk(p);
    else if (e.isFile) yield p;
  }
}
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  let bytes = 0;
  let found = 0;
  for (const path of walk(root)) {
    const data = Deno.readFileSync(path);
    bytes += data.length;
    if (isBinary(data.subarray(0, 8192))) continue;
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (data.length > 1 << 20) {
      const d = new ChunkedDetector({ fileName: name, deep: true });
      for (let at = 0; at < data.length; at += 1 << 20) d.push(data.subarray(at, at + (1 << 20)));
      found += d.finish().length;
    } else found += detectSecrets(data, { fileName: name, deep: true }).length;
  }
  const ms = performance.now() - t;
  console.log(
    "in-process read+detect",
    found,
    "found",
    ms.toFixed(0),
    "ms",
    (bytes / 1e6 / (ms / 1000)).toFixed(0),
    "MB/s",
  );
}
console.log(
  RULES.filter((r) => !r.keyed && r.id !== "private-key").map((r) => r.pattern).join("\n"),
);
