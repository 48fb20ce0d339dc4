// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { detectSecrets } from "../../src/detect/detect_secrets.ts";
import { fakeBody, fakeToken } from "../_secrets.ts";
import { bytes } from "./_helpers.ts";

const found = (text: string) =>
  detectSecrets(bytes(`x\n  value: ${text}\n`), { fileName: "notes.txt" }).map((item) => item.rule);

Deno.test("placeholders broken by separators are dismissed", () => {
  for (
    const text of [
      `github_pat_${"x".repeat(22)}_${"x".repeat(59)}`,
      `glpat-${"X".repeat(11)}-${"X".repeat(8)}`,
      `glrt-tx_${"x".repeat(24)}`,
      `hooks.slack.com/services/T${"0".repeat(8)}/B${"0".repeat(8)}/${"X".repeat(24)}`,
      `xoxb-${"0".repeat(11)}-${"0".repeat(12)}-${"x".repeat(24)}`,
    ]
  ) assert.deepEqual(found(text), [], text);
});

Deno.test("an all-zero body around a fixed marker is dismissed", () => {
  for (
    const text of [
      `sk-proj-${"0".repeat(74)}T3BlbkFJ${"0".repeat(74)}`,
      `sk-${"0".repeat(20)}T3BlbkFJ${"0".repeat(20)}`,
      `sk-ant-api03-${"0".repeat(93)}AA`,
    ]
  ) assert.deepEqual(found(text), [], text);
});

Deno.test("spelled-out stand-ins are dismissed", () => {
  for (
    const text of [
      "ghp_RANDOMSTRINGHEREabcXYZ0123456789qwer",
      `sk-ant-oat01-YourAccessTokenHere${fakeBody(30)}`,
      `glpat-YOUR_PASSWORD_${fakeBody(10, "abcdefghkmnpqrstuvwxyz")}`,
      `glpat-REPLACE_WITH_${"Q".repeat(2)}YOUR_TOKEN`,
      "npm_YOUR_NPM_TOKEN_PLACEHOLDER_Q1w2E3r4T5y",
      "aws_secret_access_key = REPLACE_WITH_YOUR_SECRET_ACCESS_KEY_abcd12",
    ]
  ) assert.deepEqual(found(text), [], text);
});

Deno.test("alphabet runs are dismissed", () => {
  for (
    const text of [
      "AIzaSyabcdefghijklmnopqrstuvwxyz1234567",
      `ghp_abcdefghijklmnopqrstuvwxyz0123456789`,
      `sk-ant-api03-${"abcdefghijklmnopqrstuvwxyz".repeat(4).slice(0, 93)}AA`,
      `npm_${"0123456789".repeat(4).slice(0, 36)}`,
    ]
  ) assert.deepEqual(found(text), [], text);
});

Deno.test("well-known public example keys are dismissed (Firebase SDK samples, AWS docs)", () => {
  // Published in the Firebase Android SDK's sources and in AWS's documentation: not secrets.
  const firebase = ["AIzaSyAnLA7NfeLquW1", "tJFpx_eQCxoX-oo6YyIs"].join("");
  const awsSecret = ["wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY"].join("");
  assert.deepEqual(found(firebase), []);
  assert.deepEqual(found(`aws_secret_access_key = ${awsSecret}`), []);
});

Deno.test("URL credentials whose user equals the password are dismissed", () => {
  for (
    const url of [
      "postgres://postgres:postgres@localhost:5432/app",
      "mysql://root:root@db/app",
      "amqp://guest:guest@rabbit:5672/",
    ]
  ) assert.deepEqual(found(url), [], url);
  assert.deepEqual(found(`postgres://app:FAKE${fakeBody(20)}@db/app`), ["url-password"]);
});

Deno.test("when in doubt a match is kept: real-shaped random bodies stay findings", () => {
  // Every rule's fake holds FAKE/TEST marks and random characters: none is a stand-in.
  for (
    const id of ["github-token", "gitlab-token", "openai-api-key", "slack-token", "google-api-key"]
  ) {
    assert.deepEqual(found(fakeToken(id)), [id], id);
  }
  // One separator-split part random, the rest placeholders: kept.
  assert.deepEqual(found(`glpat-${"x".repeat(10)}-${fakeBody(12, "abcdefghkmnpqrstuvwxyz")}`), [
    "gitlab-token",
  ]);
});

Deno.test("a structured head before a placeholder body is dismissed (Azure's bP88Q~xxxx…)", () => {
  assert.deepEqual(found(`client_secret=bP88Q~${"x".repeat(34)}`), []);
  assert.deepEqual(found(`xoxp-572370529330-573807301142-572331691188-${"#".repeat(20)}`), []);
});
