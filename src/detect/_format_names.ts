// Copyright the terok-vault authors. MIT license.
/** Credential file names and the formats the tools that write them use, most specific first. */
const NAME_FORMATS: Readonly<Record<string, readonly string[]>> = {
  ".credentials.json": ["claude-credentials"],
  "auth.json": ["codex-auth", "opencode-auth", "registry-auth"],
  "hosts.yml": ["gh-hosts"],
  "hosts.yaml": ["gh-hosts"],
  "config.yml": ["glab-config"],
  "oauth_creds.json": ["google-oauth"],
  ".claude.json": ["claude-config"],
  "settings.json": ["claude-settings"],
  "settings.local.json": ["claude-settings"],
  ".git-credentials": ["git-credentials"],
  ".npmrc": ["npmrc"],
  "config.toml": ["codex-config"],
};

/** The formats tied to a file's base name (`[]` for none). */
export function formatsForName(fileName: string): readonly string[] {
  if (Object.hasOwn(NAME_FORMATS, fileName)) return NAME_FORMATS[fileName]!;
  const dotenv = fileName === ".env" || fileName.startsWith(".env.") || fileName.endsWith(".env");
  return dotenv ? ["dotenv"] : [];
}
