// Copyright the terok-vault authors. MIT license.
/**
 * Fake secrets for tests, generated at test time (no key-shaped literal sits in the repo), and
 * the check that no output carries one.
 *
 * @module
 */
import { AssertionError } from "node:assert";
import { RULES } from "../src/detect/rules.ts";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URL_SAFE = `${ALNUM}_-`;
const LETTERS = ALNUM.slice(0, 52);
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE64 = `${ALNUM}+/`;
const BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

let state = 0x5eed;

/** A small seeded generator (mulberry32): runs are reproducible, values differ per call. */
function nextRandom(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** `length` random characters of `alphabet`, with the fake marks written in where they fit. */
export function fakeBody(length: number, alphabet = URL_SAFE): string {
  const chars = Array.from(
    { length },
    () => alphabet[Math.floor(nextRandom() * alphabet.length)]!,
  );
  const marks = alphabet === HEX
    ? ["dead", "beef"]
    : alphabet.includes("F")
    ? ["FAKE", "TEST"]
    : ["fake", "test"];
  if (length >= 16) {
    chars.splice(2, 4, ...marks[0]!);
    chars.splice(10, 4, ...marks[1]!);
  }
  return chars.join("");
}

/** `length` random decimal digits (no fake marks: the shapes want digits only). */
function digits(length: number): string {
  return Array.from({ length }, () => String(Math.floor(nextRandom() * 10))).join("");
}

function uuid(): string {
  const h = (n: number) => fakeBody(n, HEX);
  return `${h(8)}-${h(4)}-${h(4)}-${h(4)}-${h(12)}`;
}

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function pemBody(): string {
  const lines: string[] = [];
  for (let i = 0; i < 8; i++) lines.push(fakeBody(64, BASE64));
  return lines.join("\n");
}

const MAKERS: Record<string, () => string> = {
  "anthropic-api-key": () => `sk-ant-api03-${fakeBody(93)}AA`,
  "anthropic-admin-key": () => `sk-ant-admin01-${fakeBody(93)}AA`,
  "claude-oauth-access-token": () => `sk-ant-oat01-${fakeBody(95)}`,
  "claude-oauth-refresh-token": () => `sk-ant-ort01-${fakeBody(95)}`,
  "openai-api-key": () => `sk-proj-${fakeBody(74)}T3BlbkFJ${fakeBody(74)}`,
  "google-api-key": () => `AIza${fakeBody(35)}`,
  "google-oauth-access-token": () => `ya29.${fakeBody(120)}`,
  "google-oauth-refresh-token": () => `1//0${fakeBody(99)}`,
  "github-token": () => `ghp_${fakeBody(36, ALNUM)}`,
  "gitlab-token": () => `glpat-${fakeBody(20)}`,
  "openrouter-api-key": () => `sk-or-v1-${fakeBody(64, HEX)}`,
  "huggingface-token": () => `hf_${fakeBody(34, LETTERS)}`,
  "sonar-token": () => `squ_${fakeBody(40, LOWER_ALNUM)}`,
  "aws-access-key-id": () => `AKIA${fakeBody(16, UPPER_DIGITS)}`,
  "slack-token": () => `xoxb-${digits(10)}-${digits(13)}-${fakeBody(24, ALNUM)}`,
  "npm-token": () => `npm_${fakeBody(36, ALNUM)}`,
  "groq-api-key": () => `gsk_${fakeBody(52, ALNUM)}`,
  "linear-api-key": () => `lin_api_${fakeBody(40, ALNUM)}`,
  "notion-token": () => `ntn_${digits(11)}${fakeBody(35, ALNUM)}`,
  "sendgrid-api-key": () => `SG.${fakeBody(22)}.${fakeBody(43)}`,
  "xai-api-key": () => `xai-${fakeBody(80, ALNUM)}`,
  "perplexity-api-key": () => `pplx-${fakeBody(48, ALNUM)}`,
  "nvidia-api-key": () => `nvapi-${fakeBody(64)}`,
  "replicate-api-token": () => `r8_${fakeBody(37, ALNUM)}`,
  "elevenlabs-api-key": () => `sk_${fakeBody(48, HEX)}`,
  "google-oauth-client-secret": () => `GOCSPX-${fakeBody(28)}`,
  "gitlab-runner-registration-token": () => `GR1348941${fakeBody(20)}`,
  "gitlab-session-cookie": () => `_gitlab_session=${fakeBody(32, LOWER_ALNUM)}`,
  "atlassian-api-token": () => `ATATT3${fakeBody(186)}`,
  "aws-secret-access-key": () => `aws_secret_access_key = ${fakeBody(40, BASE64)}`,
  "aws-bedrock-api-key": () => `ABSK${fakeBody(132, BASE64)}`,
  "azure-ad-client-secret": () => `${fakeBody(3, ALNUM)}8Q~${fakeBody(34, ALNUM)}`,
  "azure-storage-account-key": () => `AccountKey=${fakeBody(86, BASE64)}==`,
  "microsoft-teams-webhook": () =>
    `fake.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/` +
    `${fakeBody(32, HEX)}/${uuid()}`,
  "alibaba-access-key-id": () => `LTAI${fakeBody(20, ALNUM)}`,
  "cloudflare-api-token": () => `cfut_${fakeBody(40, ALNUM)}${fakeBody(8, HEX)}`,
  "cloudflare-origin-ca-key": () => `v1.0-${fakeBody(24, HEX)}-${fakeBody(146, HEX)}`,
  "digitalocean-token": () => `dop_v1_${fakeBody(64, HEX)}`,
  "flyio-token": () => `fm2_${fakeBody(120, BASE64)}`,
  "heroku-api-key": () => `HRKU-AA${fakeBody(58)}`,
  "heroku-legacy-api-key": () => `HEROKU_API_KEY=${uuid()}`,
  "vercel-token": () => `vcp_${fakeBody(56, ALNUM)}`,
  "supabase-token": () => `sbp_${fakeBody(40, HEX)}`,
  "openshift-user-token": () => `sha256~${fakeBody(43)}`,
  "scalingo-api-token": () => `tk-us-${fakeBody(48)}`,
  "databricks-api-token": () => `dapi${fakeBody(32, HEX)}`,
  "clickhouse-cloud-api-secret": () => `4b1d${fakeBody(38, ALNUM)}`,
  "mongodb-atlas-service-account-secret": () => `mdb_sa_sk_${fakeBody(40)}`,
  "planetscale-token": () => `pscale_tkn_${fakeBody(43)}`,
  "airtable-personal-access-token": () => `pat${fakeBody(14, ALNUM)}.${fakeBody(64, HEX)}`,
  "pypi-upload-token": () => `pypi-AgEIcHlwaS5vcmc${fakeBody(70)}`,
  "rubygems-api-token": () => `rubygems_${fakeBody(48, HEX)}`,
  "crates-io-api-token": () => `cio${fakeBody(32, ALNUM)}`,
  "nuget-api-key": () => `oy2${fakeBody(43, LOWER_ALNUM)}`,
  "clojars-api-token": () => `CLOJARS_${fakeBody(60, LOWER_ALNUM)}`,
  "docker-hub-token": () => `dckr_pat_${fakeBody(27)}`,
  "jfrog-token": () => `AKCp${fakeBody(69, ALNUM)}`,
  "circleci-token": () => `CCIPAT_${fakeBody(22, ALNUM)}_${fakeBody(40, HEX)}`,
  "buildkite-token": () => `bkua_${fakeBody(40, HEX)}`,
  "harness-api-key": () => `pat.${fakeBody(22)}.${fakeBody(24, ALNUM)}.${fakeBody(20, ALNUM)}`,
  "infracost-api-token": () => `ico-${fakeBody(32, ALNUM)}`,
  "prefect-api-token": () => `pnu_${fakeBody(36, ALNUM)}`,
  "pulumi-access-token": () => `pul-${fakeBody(40, HEX)}`,
  "stackhawk-api-key": () => `hawk.${fakeBody(20)}.${fakeBody(20)}`,
  "hashicorp-atlas-token": () => `${fakeBody(14, ALNUM)}.atlasv1.${fakeBody(67)}`,
  "hashicorp-vault-token": () => `hvs.${fakeBody(95)}`,
  "doppler-token": () => `dp.pt.${fakeBody(43, ALNUM)}`,
  "1password-service-account-token": () => `ops_eyJ${fakeBody(300, BASE64)}`,
  "1password-secret-key": () =>
    `A3-${fakeBody(6, UPPER_DIGITS)}-${fakeBody(11, UPPER_DIGITS)}-` +
    [5, 5, 5].map((n) => fakeBody(n, UPPER_DIGITS)).join("-"),
  "defined-networking-api-token": () => `dnkey-${fakeBody(26, ALNUM)}-${fakeBody(52, ALNUM)}`,
  "tailscale-key": () => `tskey-auth-${fakeBody(12, ALNUM)}-${fakeBody(33, ALNUM)}`,
  "age-secret-key": () => `AGE-SECRET-KEY-1${fakeBody(58, BECH32)}`,
  "slack-webhook-url": () =>
    `hooks.slack.com/services/T${fakeBody(10, UPPER_DIGITS)}/B${fakeBody(10, UPPER_DIGITS)}/` +
    fakeBody(24, ALNUM),
  "discord-webhook-url": () => `discord.com/api/webhooks/${digits(18)}/${fakeBody(68)}`,
  "discord-bot-token": () => `DISCORD_BOT_TOKEN=M${fakeBody(23)}.${fakeBody(6)}.${fakeBody(27)}`,
  "telegram-bot-token": () => `${digits(10)}:AA${fakeBody(33)}`,
  "clickup-api-token": () => `pk_${digits(8)}_${fakeBody(32, UPPER_DIGITS)}`,
  "figma-token": () => `figd_${fakeBody(40)}`,
  "postman-api-key": () => `PMAK-${fakeBody(24, HEX)}-${fakeBody(34, HEX)}`,
  "readme-api-key": () => `rdme_${fakeBody(70, LOWER_ALNUM)}`,
  "brevo-api-key": () => `xkeysib-${fakeBody(64, HEX)}-${fakeBody(16, ALNUM)}`,
  "shopify-token": () => `shpat_${fakeBody(32, HEX)}`,
  "stripe-secret-key": () => `sk_live_${fakeBody(99, ALNUM)}`,
  "voiceflow-api-key": () => `VF.DM.${fakeBody(24, HEX)}.${fakeBody(16, ALNUM)}`,
  "sourcegraph-access-token": () => `sgp_${fakeBody(16, HEX)}_${fakeBody(40, HEX)}`,
  "sentry-token": () => `sntryu_${fakeBody(64, HEX)}`,
  "grafana-cloud-api-token": () => `glc_${fakeBody(60, BASE64)}`,
  "grafana-service-account-token": () => `glsa_${fakeBody(32, ALNUM)}_${fakeBody(8, HEX)}`,
  "grafana-api-key": () => `eyJrIjoi${fakeBody(80, ALNUM)}`,
  "new-relic-key": () => `NRAK-${fakeBody(27, UPPER_DIGITS)}`,
  "dynatrace-api-token": () => `dt0c01.${fakeBody(24, UPPER_DIGITS)}.${fakeBody(64, UPPER_DIGITS)}`,
  "url-password": () => `postgresql://app:FAKE${fakeBody(24)}@db.example.com:5432/app`,
  "private-key": () => `-----BEGIN PRIVATE KEY-----\n${pemBody()}\n-----END PRIVATE KEY-----`,
  "jwt": () =>
    [
      base64url('{"alg":"HS256","typ":"JWT"}'),
      base64url(`{"sub":"FAKE-TEST-${fakeBody(12, ALNUM)}","iat":1700000000}`),
      fakeBody(43),
    ].join("."),
};

/**
 * A real-shaped, obviously fake token for a rule id (`"FAKE"`/`"TEST"` inside, or
 * `"fake"`/`"test"`, `"dead"`/`"beef"` where the alphabet demands).
 *
 * @throws {RangeError} For an id without a maker.
 */
export function fakeToken(ruleId: string): string {
  const make = MAKERS[ruleId];
  if (make === undefined) throw new RangeError(`No fake token maker for rule "${ruleId}"`);
  return make();
}

/**
 * The secret a planted token carries: the token itself, except for `url-password`, whose
 * fake "token" is a whole URL and whose secret is the password in it, and for a rule known
 * by its lead, whose fake "token" starts with the key name before the secret.
 */
export function secretOf(ruleId: string, token: string): string {
  if (ruleId === "url-password") return /:\/\/[^:]+:([^@]+)@/.exec(token)![1]!;
  // A rule known by its lead (`aws_secret_access_key = …`): the secret is what follows it.
  const lead = RULES.find((rule) => rule.id === ruleId)?.lead;
  return lead === undefined ? token : token.replace(new RegExp(`^(?:${lead})`), "");
}

/** The public part of a secret that output may show: the longest rule prefix it starts with. */
function publicPart(secret: string): string {
  if (secret.startsWith("-----BEGIN")) return secret.slice(0, secret.indexOf("-----", 5) + 5);
  let best = "";
  for (const rule of RULES) {
    for (const prefix of rule.prefixes) {
      if (prefix.length > best.length && secret.startsWith(prefix)) best = prefix;
    }
  }
  return best;
}

/** Consecutive characters of a secret that must never appear in output. */
const WINDOW = 12;

/**
 * Assert that `text` holds no 12 consecutive characters of any of `secrets`, beyond a
 * secret's public prefix. The failure message names the secret by position, never by value.
 *
 * @throws {AssertionError} When some output carries a piece of a secret.
 */
export function assertNoSecretLeak(text: string, secrets: readonly string[]): void {
  for (const [n, secret] of secrets.entries()) {
    const skip = publicPart(secret).length;
    // A PEM block's END line is as public as its BEGIN line.
    const footer = secret.startsWith("-----BEGIN") ? secret.lastIndexOf("-----END") : secret.length;
    for (let i = 0; i + WINDOW <= secret.length; i++) {
      if (i + WINDOW <= skip || i >= footer) continue;
      const at = text.indexOf(secret.slice(i, i + WINDOW));
      if (at !== -1) {
        throw new AssertionError({
          message: `Output holds ${WINDOW} characters of planted secret #${n} ` +
            `(its characters ${i}..${i + WINDOW}) at output index ${at}`,
        });
      }
    }
  }
}
