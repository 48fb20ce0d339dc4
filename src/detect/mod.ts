// Copyright the terok-vault authors. MIT license.
/**
 * The detector: pure, synchronous code over bytes that knows agent credential file formats and
 * token shapes. It judges a file at a credential path ({@linkcode judgeCredential}), finds
 * secrets anywhere ({@linkcode detectSecrets}, {@linkcode ChunkedDetector}), and never hands
 * back a secret: only its public prefix, last 4 characters and a fingerprint.
 *
 * @example Judge a credential file
 * ```ts
 * import { judgeCredential } from "./mod.ts";
 *
 * const verdict = judgeCredential(new TextEncoder().encode("{}"), { fileName: "auth.json" });
 * console.log(verdict.verdict); // "clean"
 * ```
 *
 * @module
 */
export * from "./types.ts";
export * from "./rules.ts";
export * from "./is_phantom_credential.ts";
export * from "./is_binary.ts";
export * from "./judge_credential.ts";
export * from "./detect_secrets.ts";
export * from "./chunked_detector.ts";
export * from "./credential_format.ts";
export * from "./load_yaml_parser.ts";
export * from "./with_yaml_parser.ts";
export * from "./yaml_parser_not_loaded_error.ts";
