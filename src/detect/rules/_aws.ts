// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: AWS access keys, secret keys and Bedrock API keys.
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** AWS access keys, secret keys and Bedrock API keys. */
export const AWS_RULES: readonly Rule[] = [
  {
    id: "aws-access-key-id",
    description: "AWS access key id (Bedrock and MCP server set-ups put these in agent configs)",
    shape: "AKIA, ASIA, ABIA, ACCA or A3T + 1 + 16 of [A-Z0-9]",
    prefixes: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
    pattern: "(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}",
    keyed: false,
  },
  {
    id: "aws-secret-access-key",
    description: "AWS secret access key (beside its key name)",
    shape: "40 of [A-Za-z0-9/+] after a key aws_secret_access_key, AWS_SECRET_ACCESS_KEY, " +
      "SecretAccessKey or secretAccessKey",
    prefixes: [
      "aws_secret_access_key",
      "AWS_SECRET_ACCESS_KEY",
      "SecretAccessKey",
      "secretAccessKey",
    ],
    lead:
      '(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|[Ss]ecretAccessKey)["\x27]?[ \\t]*[:=][ \\t]*["\x27]?',
    pattern: "[A-Za-z0-9/+]{40}",
    keyed: false,
  },
  {
    id: "aws-bedrock-api-key",
    description: "Amazon Bedrock API key (long-term ABSK, short-term bedrock-api-key-)",
    shape: "ABSK + 109 to 269 base64 chars; bedrock-api-key- + base64 of bedrock.amazonaws.com…",
    prefixes: ["ABSK", "bedrock-api-key-"],
    pattern: "ABSK[A-Za-z0-9+/]{109,269}={0,2}" +
      "|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{20,4000}={0,2}",
    fixed: ["YmVkcm9jay5hbWF6b25hd3MuY29t"],
    keyed: false,
  },
];
