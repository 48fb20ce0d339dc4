// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { detectSecrets } from "../../src/detect/detect_secrets.ts";
import { RULES } from "../../src/detect/rules.ts";
import { assertNoSecretLeak, fakeBody, fakeToken, secretOf } from "../_secrets.ts";
import { bytes, subtleFingerprint } from "./_helpers.ts";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const BASE64 = `${ALNUM}+/`;
const uuid = () => [8, 4, 4, 4, 12].map((n) => fakeBody(n, HEX)).join("-");
const digits = (n: number) => fakeBody(n, "0123456789").replace(/\D/g, "7");

/** A value one step off each rule's shape: it must not match. */
const NEAR_MISSES: Record<string, () => string> = {
  "anthropic-api-key": () => `sk-ant-api03-${fakeBody(92)}AA`,
  "anthropic-admin-key": () => `sk-ant-admin01-${fakeBody(93)}AB`,
  "claude-oauth-access-token": () => `sk-ant-oat01-${fakeBody(39)}`,
  "claude-oauth-refresh-token": () => `sk-ant-ort02-${fakeBody(95)}`,
  "openai-api-key": () => `sk-proj-${fakeBody(74)}T3BlbkFI${fakeBody(74)}`,
  "google-api-key": () => `AIza${fakeBody(34)}`,
  "google-oauth-access-token": () => `ya29.${fakeBody(19)}`,
  "google-oauth-refresh-token": () => `1//1${fakeBody(60)}`,
  "github-token": () => `ghx_${fakeBody(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "gitlab-token": () => `glpat-${fakeBody(19)}`,
  "openrouter-api-key": () => `sk-or-v1-${fakeBody(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}`,
  "huggingface-token": () =>
    `hf_${fakeBody(33, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}`,
  "sonar-token": () => `squ_${fakeBody(39, "abcdefghijklmnopqrstuvwxyz0123456789")}`,
  "aws-access-key-id": () => `AKIA${fakeBody(15, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "slack-token": () => `xoxz-1234567890-9876543210-${fakeBody(24)}`,
  "npm-token": () => `npm_${fakeBody(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "groq-api-key": () => `gsk_${fakeBody(51, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "linear-api-key": () => `lin_api_${fakeBody(31, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "notion-token": () => `ntn_1234567890${fakeBody(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}`,
  "sendgrid-api-key": () => `SG.${fakeBody(22)}.${fakeBody(15)}`,
  "xai-api-key": () => `xai-${fakeBody(79, ALNUM)}`,
  "perplexity-api-key": () => `pplx-${fakeBody(47, ALNUM)}`,
  "nvidia-api-key": () => `nvapi-${fakeBody(63)}`,
  "replicate-api-token": () => `r8_${fakeBody(36, ALNUM)}`,
  "elevenlabs-api-key": () => `sk_${fakeBody(48, "ghijklmnopqrstuvwxyz")}`,
  "google-oauth-client-secret": () => `GOCSPX-${fakeBody(27)}`,
  "gitlab-runner-registration-token": () => `GR1348942${fakeBody(20)}`,
  "gitlab-session-cookie": () => `_gitlab_session=${fakeBody(31, LOWER_ALNUM)}`,
  "atlassian-api-token": () => `ATATT3${fakeBody(185)}`,
  "aws-secret-access-key": () => `aws_secret_access_key = ${fakeBody(39, BASE64)}`,
  "aws-bedrock-api-key": () => `ABSK${fakeBody(100, BASE64)}`,
  "azure-ad-client-secret": () => `${fakeBody(3, ALNUM)}8Q-${fakeBody(34, ALNUM)}`,
  "azure-storage-account-key": () => `AccountKey=${fakeBody(80, BASE64)}==`,
  "microsoft-teams-webhook": () =>
    `fake.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/` +
    `${fakeBody(31, HEX)}/${uuid()}`,
  "alibaba-access-key-id": () => `LTAI${fakeBody(11, ALNUM)}`,
  "cloudflare-api-token": () => `cfut_${fakeBody(40, ALNUM)}${fakeBody(7, HEX)}`,
  "cloudflare-origin-ca-key": () => `v1.0-${fakeBody(24, HEX)}-${fakeBody(145, HEX)}`,
  "digitalocean-token": () => `dop_v2_${fakeBody(64, HEX)}`,
  "flyio-token": () => `fm2_${fakeBody(90, BASE64)}`,
  "heroku-api-key": () => `HRKU-AB${fakeBody(58)}`,
  "heroku-legacy-api-key": () => `HEROKU_APP_ID=${uuid()}`,
  "vercel-token": () => `vcx_${fakeBody(56, ALNUM)}`,
  "supabase-token": () => `sbp_${fakeBody(39, HEX)}`,
  "openshift-user-token": () => `sha256~${fakeBody(42)}`,
  "scalingo-api-token": () => `tk-us-${fakeBody(47)}`,
  "databricks-api-token": () => `dapi${fakeBody(31, HEX)}`,
  "clickhouse-cloud-api-secret": () => `4b1d${fakeBody(37, ALNUM)}`,
  "mongodb-atlas-service-account-secret": () => `mdb_sa_id_${fakeBody(40)}`,
  "planetscale-token": () => `pscale_tkn_${fakeBody(31)}`,
  "airtable-personal-access-token": () => `pat${fakeBody(14, ALNUM)}.${fakeBody(63, HEX)}`,
  "pypi-upload-token": () => `pypi-AgEIcHlwaS5vcmc${fakeBody(49)}`,
  "rubygems-api-token": () => `rubygems_${fakeBody(47, HEX)}`,
  "crates-io-api-token": () => `cio${fakeBody(31, ALNUM)}`,
  "nuget-api-key": () => `oy2${fakeBody(42, LOWER_ALNUM)}`,
  "clojars-api-token": () => `CLOJARS_${fakeBody(59, LOWER_ALNUM)}`,
  "docker-hub-token": () => `dckr_pat_${fakeBody(26)}`,
  "jfrog-token": () => `AKCp${fakeBody(68, ALNUM)}`,
  "circleci-token": () => `CCIPAT_${fakeBody(21, ALNUM)}_${fakeBody(40, HEX)}`,
  "buildkite-token": () => `bkua_${fakeBody(39, HEX)}`,
  "harness-api-key": () => `pat.${fakeBody(22)}.${fakeBody(23, ALNUM)}.${fakeBody(20, ALNUM)}`,
  "infracost-api-token": () => `ico-${fakeBody(31, ALNUM)}`,
  "prefect-api-token": () => `pnu_${fakeBody(35, ALNUM)}`,
  "pulumi-access-token": () => `pul-${fakeBody(39, HEX)}`,
  "stackhawk-api-key": () => `hawk.${fakeBody(19)}.${fakeBody(20)}`,
  "hashicorp-atlas-token": () => `${fakeBody(14, ALNUM)}.atlasv2.${fakeBody(67)}`,
  "hashicorp-vault-token": () => `hvs.${fakeBody(80)}`,
  "doppler-token": () => `dp.xx.${fakeBody(43, ALNUM)}`,
  "1password-service-account-token": () => `ops_eyJ${fakeBody(200, BASE64)}`,
  "1password-secret-key": () =>
    `A3-${fakeBody(6, UPPER_DIGITS)}-${fakeBody(11, UPPER_DIGITS)}-` +
    [5, 5, 4].map((n) => fakeBody(n, UPPER_DIGITS)).join("-"),
  "defined-networking-api-token": () => `dnkey-${fakeBody(26, ALNUM)}-${fakeBody(51, ALNUM)}`,
  "tailscale-key": () => `tskey-auth-${fakeBody(12, ALNUM)}-${fakeBody(15, ALNUM)}`,
  "age-secret-key": () => `AGE-SECRET-KEY-1${fakeBody(57, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L")}`,
  "slack-webhook-url": () =>
    `hooks.slack.com/services/T${fakeBody(10, UPPER_DIGITS)}/B${fakeBody(10, UPPER_DIGITS)}/` +
    fakeBody(10, ALNUM),
  "discord-webhook-url": () => `discord.com/api/webhooks/${digits(18)}/${fakeBody(50)}`,
  "discord-bot-token": () => `DISCORD_BOT_TOKEN=X${fakeBody(23)}.${fakeBody(6)}.${fakeBody(27)}`,
  "telegram-bot-token": () => `${digits(10)}:B${fakeBody(34)}`,
  "clickup-api-token": () => `pk_${digits(8)}_${fakeBody(31, UPPER_DIGITS)}`,
  "figma-token": () => `figd_${fakeBody(39)}`,
  "postman-api-key": () => `PMAK-${fakeBody(24, HEX)}-${fakeBody(33, HEX)}`,
  "readme-api-key": () => `rdme_${fakeBody(69, LOWER_ALNUM)}`,
  "brevo-api-key": () => `xkeysib-${fakeBody(64, HEX)}-${fakeBody(15, ALNUM)}`,
  "shopify-token": () => `shpat_${fakeBody(31, HEX)}`,
  "stripe-secret-key": () => `sk_demo_${fakeBody(24, ALNUM)}`,
  "voiceflow-api-key": () => `VF.DM.${fakeBody(23, HEX)}.${fakeBody(16, ALNUM)}`,
  "sourcegraph-access-token": () => `sgp_${fakeBody(16, HEX)}_${fakeBody(39, HEX)}`,
  "sentry-token": () => `sntryu_${fakeBody(63, HEX)}`,
  "grafana-cloud-api-token": () => `glc_${fakeBody(31, ALNUM)}`,
  "grafana-service-account-token": () => `glsa_${fakeBody(32, ALNUM)}_${fakeBody(7, HEX)}`,
  "grafana-api-key": () => `eyJrIjoi${fakeBody(69, ALNUM)}`,
  "new-relic-key": () => `NRAK-${fakeBody(26, UPPER_DIGITS)}`,
  "dynatrace-api-token": () => `dt0c01.${fakeBody(24, UPPER_DIGITS)}.${fakeBody(63, UPPER_DIGITS)}`,
  "url-password": () => `https://github.com/${fakeBody(8)}:${fakeBody(20)}/x@y`,
  "private-key": () =>
    `-----BEGIN PUBLIC KEY-----\n${fakeBody(64)}\n${fakeBody(64)}\n-----END PUBLIC KEY-----`,
  // Not under a key naming a token or a secret.
  "jwt": () => `Authorization: Bearer ${fakeToken("jwt")}`,
};

/** Where each rule's token sits in the text: a JWT needs a secret-naming key before it. */
function plant(ruleId: string, token: string): string {
  const lead = ruleId === "jwt" ? '  "id_token": "' : "  value: ";
  return `first line\n${lead}${token}${ruleId === "jwt" ? '"' : ""}\nlast line\n`;
}

for (const rule of RULES) {
  Deno.test(`rule ${rule.id}: a real-shaped value is found with its fingerprint`, async () => {
    const token = fakeToken(rule.id);
    const found = detectSecrets(bytes(plant(rule.id, token)), { fileName: "notes.txt" });
    assert.equal(found.length, 1, rule.id);
    const [item] = found;
    assert.equal(item!.rule, rule.id);
    assert.equal(item!.line, 2);
    // A URL password is chosen by a person: no fingerprint a wordlist could be tried against.
    const expected = rule.id === "url-password"
      ? null
      : await subtleFingerprint(secretOf(rule.id, token));
    assert.equal(item!.fingerprint, expected);
    assertNoSecretLeak(JSON.stringify(found), [secretOf(rule.id, token)]);
  });

  Deno.test(`rule ${rule.id}: a near miss is not found`, () => {
    const nearMiss = NEAR_MISSES[rule.id];
    assert.ok(nearMiss, `rule ${rule.id} needs a near miss`);
    const found = detectSecrets(bytes(`x\n  value: ${nearMiss()}\n`), { fileName: "notes.txt" });
    assert.deepEqual(found, []);
  });
}

Deno.test("a token glued to a neighbouring letter or digit is not a token", () => {
  const token = fakeToken("github-token");
  for (const text of [`x${token}`, `${token}9`, `${token}_`]) {
    assert.deepEqual(detectSecrets(bytes(text), { fileName: "a.txt" }), [], text.length.toString());
  }
});

Deno.test("placeholders are dismissed: one repeated character or a short repeating run", () => {
  const placeholders = [
    `sk-ant-api03-${"X".repeat(93)}AA`,
    `sk-ant-oat01-${"x".repeat(60)}`,
    `sk-ant-ort01-${"abc".repeat(20)}`,
    `ghp_${"0".repeat(36)}`,
    `AIza${"X".repeat(35)}`,
    `glpat-${"xxxx".repeat(6)}`,
    `sk-or-v1-${"0".repeat(64)}`,
    `hf_${"ab".repeat(17)}`,
    "AKIAIOSFODNN7EXAMPLE",
    `npm_${"0".repeat(36)}`,
    `sk-proj-${"X".repeat(40)}T3BlbkFJ${"X".repeat(40)}`,
  ];
  for (const value of placeholders) {
    assert.deepEqual(detectSecrets(bytes(`key: ${value}\n`), { fileName: "a.txt" }), [], value);
  }
});

Deno.test("url-password: stand-ins and example words are not passwords", () => {
  for (
    const url of [
      "postgresql://app:${DB_PASSWORD}@db:5432/app",
      "https://user:password@example.com/",
      "mysql://root:<password>@localhost/db",
      "redis://default:****@cache:6379",
      "https://x-access-token:%s@github.com/o/r.git",
      "http://localhost:8080/path",
    ]
  ) {
    assert.deepEqual(detectSecrets(bytes(`url: ${url}\n`), { fileName: "a.txt" }), [], url);
  }
});

Deno.test("a token used as a URL password is reported once, by its own rule", () => {
  const token = fakeToken("github-token");
  const found = detectSecrets(bytes(`https://x:${token}@github.com/o/r.git\n`), {
    fileName: "a.txt",
  });
  assert.deepEqual(found.map((item) => item.rule), ["github-token"]);
});

Deno.test("a JWT counts only in a deep scan under a key naming a token or secret", () => {
  const jwt = fakeToken("jwt");
  const keyed = bytes(`{"session": 1}\nclient_secret = ${jwt}\n`);
  assert.equal(detectSecrets(keyed, { fileName: "a.txt" })[0]?.rule, "jwt");
  assert.deepEqual(detectSecrets(keyed, { fileName: "a.txt", deep: false }), []);
  assert.deepEqual(detectSecrets(bytes(`payload ${jwt}\n`), { fileName: "a.txt" }), []);
});

Deno.test("redaction shows the public prefix and the last 4 characters only", () => {
  const token = fakeToken("claude-oauth-refresh-token");
  const [item] = detectSecrets(bytes(token), { fileName: "a.txt" });
  assert.equal(item!.redacted, `sk-ant-ort01-…${token.slice(-4)}`);
  const pem = fakeToken("private-key");
  const [key] = detectSecrets(bytes(pem), { fileName: "id_rsa" });
  assert.equal(key!.redacted, "-----BEGIN PRIVATE KEY-----…");
});

Deno.test("RULES have unique stable ids, one-line descriptions and prefixes in their shape", () => {
  const ids = RULES.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of RULES) {
    assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.ok(!rule.description.includes("\n") && rule.description.length > 0);
    for (const prefix of rule.prefixes) assert.ok(rule.shape.includes(prefix.replace(/-$/, "")));
  }
});

Deno.test("a PEM block inside a JSON string has the fingerprint of the block itself", async () => {
  const pem = fakeToken("private-key");
  const text = JSON.stringify({ content: pem });
  const [item] = detectSecrets(bytes(text), { fileName: "log.jsonl" });
  assert.equal(item!.fingerprint, await subtleFingerprint(pem));
});

Deno.test("every rule's token is found at the very start, the very end, and after a \\n escape", () => {
  for (const rule of RULES) {
    if (rule.keyed) continue;
    const token = fakeToken(rule.id);
    const secret = secretOf(rule.id, token);
    for (const text of [token, `x ${token}`, JSON.stringify(`line one\n${token}\nline three`)]) {
      const found = detectSecrets(bytes(text), { fileName: "a.txt" });
      assert.equal(found.length, 1, `${rule.id} in ${text.length} chars`);
      assert.equal(found[0]!.rule, rule.id);
      assertNoSecretLeak(JSON.stringify(found), [secret]);
    }
  }
});

Deno.test("an encrypted PEM block with its Proc-Type and DEK-Info lines is found", () => {
  const body = fakeToken("private-key").split("\n").slice(1, -1).join("\n");
  const pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n" +
    `DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n${body}\n` +
    "-----END RSA PRIVATE KEY-----";
  const found = detectSecrets(bytes(`key:\n${pem}\n`), { fileName: "id_rsa" });
  assert.deepEqual(found.map((item) => [item.rule, item.line, item.redacted]), [
    ["private-key", 2, "-----BEGIN RSA PRIVATE KEY-----…"],
  ]);
});

Deno.test("a file of repeated PEM headers without bodies holds no finding", () => {
  const text = "-----BEGIN PRIVATE KEY-----".repeat(40_000);
  assert.deepEqual(detectSecrets(bytes(text), { fileName: "a.txt" }), []);
});

Deno.test("hostile runs of prefixes hold no finding (the walk back is bounded)", () => {
  for (const text of ["sk-".repeat(100_000), "sk-proj-".repeat(40_000), "gh_ghp_".repeat(40_000)]) {
    assert.deepEqual(detectSecrets(bytes(text), { fileName: "a.txt" }), []);
  }
  const token = fakeToken("github-token");
  const found = detectSecrets(bytes(`${"sk-".repeat(50_000)} ${token}`), { fileName: "a.txt" });
  assert.deepEqual(found.map((item) => item.rule), ["github-token"]);
});

Deno.test("hostile runs for the new finder kinds hold no finding (anchors, leads, literals)", () => {
  for (
    const text of [
      "Q~".repeat(100_000), // the Azure anchor, walked back at most 4 characters
      "1234567:A".repeat(30_000), // the Telegram anchor after digits
      "x.atlasv1.".repeat(30_000),
      "AccountKey=".repeat(30_000), // a lead without its value
      "aws_secret_access_key=".repeat(20_000),
      "pat".repeat(100_000), // a lower-case literal glued to itself
      "ghs_1_".repeat(50_000), // the installation-token form, with no dot ever
      `ops_eyJ${"A".repeat(300_000)}`, // a body longer than its bound
      "xoxe-1-".repeat(40_000),
      "hooks.slack.com/services/".repeat(20_000),
      // Found by the separator pass: a literal a fixed distance before a `.`, a `~` head, an
      // anchor ending in `/`.
      "patABCDEFGHIJKLMN.".repeat(20_000),
      "sha256~".repeat(50_000),
      "a.webhook.office.com/webhookb2/".repeat(10_000),
      "-----BEGIN".repeat(30_000), // looked for from its `BEGIN`
    ]
  ) {
    assert.deepEqual(detectSecrets(bytes(text), { fileName: "a.txt" }), [], text.slice(0, 12));
  }
  const token = fakeToken("azure-ad-client-secret");
  const found = detectSecrets(bytes(`${"Q~".repeat(50_000)} ${token}`), { fileName: "a.txt" });
  assert.deepEqual(found.map((item) => item.rule), ["azure-ad-client-secret"]);
  const airtable = fakeToken("airtable-personal-access-token");
  const after = detectSecrets(bytes(`${"patABCDEFGHIJKLMN.".repeat(20_000)} ${airtable}`), {
    fileName: "a.txt",
  });
  assert.deepEqual(after.map((item) => item.rule), ["airtable-personal-access-token"]);
});

Deno.test("every prefix of a rule whose prefixes share one body is found", () => {
  // A prefix the pattern cannot start (`vca_` beside `vc[picrk]_`) would be a silent miss.
  const cases: [string, string, readonly string[]][] = [
    ["vercel-token", fakeBody(40, ALNUM), ["vcp_", "vci_", "vca_", "vcr_", "vck_"]],
    ["shopify-token", fakeBody(32, HEX), ["shpat_", "shpca_", "shppa_", "shpua_", "shpss_"]],
  ];
  for (const [id, body, prefixes] of cases) {
    assert.deepEqual(RULES.find((rule) => rule.id === id)?.prefixes, prefixes);
    for (const prefix of prefixes) {
      const found = detectSecrets(bytes(`key: ${prefix}${body}\n`), { fileName: "notes.txt" });
      assert.deepEqual(found.map((item) => item.rule), [id], `${prefix}${body.slice(0, 4)}…`);
    }
  }
});
