import { detectSecrets } from "../src/mod.ts";
import { scanTokens } from "../src/detect/_token_scan.ts";
const root = Deno.args[0]!;
function* walk(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) yield* walk(p);
    else if (e.isFile) yield p;
  }
}
const datas: Uint8Array[] = [];
let t = performance.now();
for (const path of walk(root)) datas.push(Deno.readFileSync(path));
console.log("read", (performance.now() - t).toFixed(0));
const dec = new TextDecoder();
for (let r = 0; r < 3; r++) {
  t = performance.now();
  const texts = datas.map((d) => dec.decode(d));
  console.log("decode", (performance.now() - t).toFixed(0));
  t = performance.now();
  for (const x of texts) scanTokens(x, { from: 0, until: x.length, deep: true, limit: 100 });
  console.log("scan", (performance.now() - t).toFixed(0));
  t = performance.now();
  for (const d of datas) detectSecrets(d, { fileName: "x.jsonl" });
  console.log("detectSecrets", (performance.now() - t).toFixed(0));
}
