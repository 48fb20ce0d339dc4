import { detectSecrets } from "../src/mod.ts";
function* walk(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) yield* walk(p);
    else yield p;
  }
}
for (const p of walk(Deno.args[0]!)) {
  for (
    const e of detectSecrets(Deno.readFileSync(p), { fileName: p.slice(p.lastIndexOf("/") + 1) })
  ) console.log(p.replace(Deno.args[0] + "/", ""), e.rule, e.keyPath, e.line);
}
