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
  "slack-token": () => `xoxb-1234567890-9876543210-${fakeBody(24, ALNUM)}`,
  "npm-token": () => `npm_${fakeBody(36, ALNUM)}`,
  "groq-api-key": () => `gsk_${fakeBody(52, ALNUM)}`,
  "linear-api-key": () => `lin_api_${fakeBody(40, ALNUM)}`,
  "notion-token": () => `ntn_12345678901${fakeBody(35, ALNUM)}`,
  "sendgrid-api-key": () => `SG.${fakeBody(22)}.${fakeBody(43)}`,
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
 * fake "token" is a whole URL and whose secret is the password in it.
 */
export function secretOf(ruleId: string, token: string): string {
  if (ruleId !== "url-password") return token;
  return /:\/\/[^:]+:([^@]+)@/.exec(token)![1]!;
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
