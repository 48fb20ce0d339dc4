/**
 * Bad roster input through `deno task vault routes`, one case per roster error class (the
 * roster unit tests cover every variant): exit 2, one `terok-vault: error:` line naming the
 * file (key path and line:column where known), no stack trace, and an existing routes.json
 * left byte for byte as it was, with no temporary file beside it.
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";

type Setup = (dir: string) => Promise<void>;

const write = (name: string, text: string | Uint8Array): Setup => async (dir) => {
  if (typeof text === "string") await Deno.writeTextFile(`${dir}/${name}`, text);
  else await Deno.writeFile(`${dir}/${name}`, text);
};

const CASES: [errorClass: string, setup: Setup, message: string][] = [
  [
    "RosterSyntaxError",
    write("claude.yaml", 'label: "Claude\nbinary: claude\n'),
    "claude.yaml:1:8: The double-quoted string that starts here is never closed",
  ],
  [
    "RosterSchemaError",
    write("claude.yaml", "provider:\n  token_emv: {}\n"),
    'claude.yaml:2:3: provider.token_emv: Unknown key "token_emv" (did you mean "token_env"?)',
  ],
  [
    "RosterFileError",
    write("bad.yaml", new Uint8Array([0x6c, 0x3a, 0x20, 0xff, 0xfe, 0x0a])),
    "bad.yaml: Is not valid UTF-8 text",
  ],
  [
    "RosterConflictError",
    write("aaa.yaml", "kind: tool\nprovider:\n  default: github\n"),
    "aaa.yaml:3:3: provider.default: Provider 'github' is bound by more than one agent " +
    "('aaa' and 'gh'); a provider maps to exactly one vault route",
  ],
];

for (const [errorClass, setup, message] of CASES) {
  Deno.test(`routes refuses input that raises ${errorClass}: exit 2, one line, routes.json untouched`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "terok-vault-bad-" });
    try {
      const out = `${dir}/vault/routes.json`;
      await Deno.mkdir(`${dir}/vault`);
      const before = '{\n  "previous": "content"\n}\n';
      await Deno.writeTextFile(out, before);
      await Deno.mkdir(`${dir}/user`);
      await setup(`${dir}/user`);
      const run = await runVault(["routes", "-o", out, "--user-dir", `${dir}/user`]);
      assert.deepEqual(run, {
        code: 2,
        stdout: "",
        stderr: `terok-vault: error: ${dir}/user/${message}\n`,
      });
      assert.equal(await Deno.readTextFile(out), before);
      assert.deepEqual([...Deno.readDirSync(`${dir}/vault`)].map((e) => e.name), ["routes.json"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
