/**
 * `scan` through the documented entry with version-3 roster input: the credential targets of a
 * user provider (the OpenCode dir terok derives for it, labelled by the provider) and of a user
 * agent (its auth dir, labelled by the agent), and `--no-user` leaving both out.
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";

const UNRECOGNIZED = "unrecognized-content: Content in no known format and not a phantom (a " +
  "credential file is judged fail-closed)";

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "terok-vault-scan-v3-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("scan checks the mounts of user providers and agents, labelled as terok labels them", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/providers`);
    await Deno.writeTextFile(
      `${dir}/providers/acme.yaml`,
      "upstream: https://api.acme.example.test\nauth:\n  api_key:\n    header: X-Acme-Key\n" +
        "opencode:\n  display_name: Acme\n  base_url: https://api.acme.example.test/v1\n" +
        "  preferred_model: m\n  fallback_model: f\n  env_var_prefix: ACME\n" +
        "  config_dir: .acme\n  auth_key_url: https://acme.example.test/keys\n",
    );
    await Deno.mkdir(`${dir}/agents`);
    await Deno.writeTextFile(
      `${dir}/agents/zed.yaml`,
      "roster_version: 3\nkind: tool\nauth:\n  host_dir: _zed-config\n" +
        "  container_mount: /home/dev/.zed\nprovider:\n  credential_file: token.json\n",
    );
    const mounts = `${dir}/mounts`;
    for (
      const [hostDir, file] of [["_acme-config", "config.json"], ["_zed-config", "token.json"]]
    ) {
      await Deno.mkdir(`${mounts}/${hostDir}`, { recursive: true });
      await Deno.writeTextFile(`${mounts}/${hostDir}/${file}`, "not a phantom\n");
    }
    const user = ["--user-dir", `${dir}/agents`, "--user-providers", `${dir}/providers`];
    assert.deepEqual(await runVault(["scan", "--mounts-dir", mounts, ...user]), {
      code: 1,
      stdout: `Leaked credential files in ${mounts}:\n` +
        `  acme: ${mounts}/_acme-config/config.json\n    ${UNRECOGNIZED}\n` +
        `  zed: ${mounts}/_zed-config/token.json\n    ${UNRECOGNIZED}\n`,
      stderr: "",
    });
    assert.deepEqual(await runVault(["scan", "--mounts-dir", mounts, "--no-user"]), {
      code: 0,
      stdout: "No leaked credential files found.\n",
      stderr: "",
    });
  });
});
