/**
 * Every kind of bad roster input, through `deno task vault routes`: exit 2, one line naming
 * the file (key path and line:column where known), no stack trace, and an existing
 * routes.json left byte for byte as it was, with no temporary file beside it. (runVault kills
 * a run that hangs, so the alias bomb cannot stall the suite.)
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";

type Setup = (dir: string) => Promise<void>;

const write = (name: string, text: string | Uint8Array): Setup => async (dir) => {
  if (typeof text === "string") await Deno.writeTextFile(`${dir}/${name}`, text);
  else await Deno.writeFile(`${dir}/${name}`, text);
};

function aliasBomb(): string {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 10; i++) {
    lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]`);
  }
  return `${lines.join("\n")}\n`;
}

const CASES: [name: string, setup: Setup, message: string][] = [
  [
    "YAML syntax error",
    write("claude.yaml", 'vault: {upstream: "x"\n'),
    "claude.yaml:2:1: Deficient indentation",
  ],
  [
    "duplicate key",
    write("claude.yaml", "label: a\nlabel: b\n"),
    "claude.yaml:2:1: Duplicated mapping key",
  ],
  [
    "top level not a mapping",
    write("list.yaml", "- a\n- b\n"),
    "list.yaml:1:1: The top level must be a mapping, got a list",
  ],
  [
    "unknown key (typo)",
    write("claude.yaml", "vault:\n  upstrem: https://x\n"),
    'claude.yaml:2:3: vault.upstrem: Unknown key "upstrem"',
  ],
  [
    "wrong type",
    write("claude.yaml", 'web_ingress: "yes"\n'),
    "claude.yaml:1:14: web_ingress: Expected true or false, got a string",
  ],
  [
    "missing required key",
    write("new.yaml", "vault:\n  upstream: https://x.example.invalid\n"),
    "new.yaml:1:1: vault.route_prefix: Required key is missing",
  ],
  [
    "vault.socket_path",
    write(
      "new.yaml",
      "vault:\n  route_prefix: p\n  upstream: https://x.example.invalid\n  socket_path: /run/x\n",
    ),
    'new.yaml:4:3: vault.socket_path: Key "socket_path" is no longer configurable and must be removed',
  ],
  [
    "host_dir with a slash",
    write("claude.yaml", "auth:\n  host_dir: a/b\n"),
    'claude.yaml:2:13: auth.host_dir: Expected a single path segment (not empty, no "/", not "." or ".."), got "a/b"',
  ],
  [
    "host_dir ..",
    write("claude.yaml", "auth:\n  host_dir: ..\n"),
    'claude.yaml:2:13: auth.host_dir: Expected a single path segment (not empty, no "/", not "." or ".."), got ".."',
  ],
  [
    "absolute credential_file",
    write("claude.yaml", "vault:\n  credential_file: /etc/shadow\n"),
    'claude.yaml:2:20: vault.credential_file: Expected a relative path without ".." or empty segments, got "/etc/shadow"',
  ],
  [
    "credential_file with ..",
    write("claude.yaml", "vault:\n  credential_file: a/../../x\n"),
    'claude.yaml:2:20: vault.credential_file: Expected a relative path without ".." or empty segments, got "a/../../x"',
  ],
  [
    "upstream not http(s)",
    write("claude.yaml", "vault:\n  upstream: ftp://example.invalid\n"),
    'claude.yaml:2:13: vault.upstream: Expected an http(s) URL, got "ftp://example.invalid"',
  ],
  [
    "bad enum value",
    write("claude.yaml", "kind: robot\n"),
    'claude.yaml:1:7: kind: Expected one of "native", "opencode", "bridge", "tool", "runtime", got "robot"',
  ],
  [
    "two entries with one route_prefix",
    write(
      "aaa.yaml",
      "kind: tool\nvault:\n  route_prefix: gh\n  upstream: https://a.example.invalid\n",
    ),
    "aaa.yaml: vault.route_prefix: Duplicate route prefix 'gh': providers 'aaa' and 'gh'",
  ],
  [
    "YAML alias bomb",
    write("bomb.yaml", aliasBomb()),
    "bomb.yaml:6:15: The document has more than 100000 nodes once aliases are expanded; refusing it",
  ],
  [
    "a 10 MB file",
    write("big.yaml", `label: x\n${"#".repeat(10 * 1024 * 1024)}\n`),
    "big.yaml: Is too large (10485770 bytes; a roster file may have at most 1048576)",
  ],
  [
    "bytes that are not UTF-8",
    write("bad.yaml", new Uint8Array([0x6c, 0x3a, 0x20, 0xff, 0xfe, 0x0a])),
    "bad.yaml: Is not valid UTF-8 text",
  ],
  [
    "a *.yaml that is a directory",
    (dir) => Deno.mkdir(`${dir}/dir.yaml`),
    "dir.yaml: Is not a regular file",
  ],
];

for (const [name, setup, message] of CASES) {
  Deno.test(`routes refuses ${name}: exit 2, one line, routes.json untouched`, async () => {
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
        stderr: `terok-vault: ${dir}/user/${message}\n`,
      });
      assert.equal(await Deno.readTextFile(out), before);
      assert.deepEqual([...Deno.readDirSync(`${dir}/vault`)].map((e) => e.name), ["routes.json"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
