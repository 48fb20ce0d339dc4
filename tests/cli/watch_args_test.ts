// Copyright the terok-vault authors. MIT license.
/** `watch` on the command line: its options, and the grants it gets (those of scan / clean). */
import assert from "node:assert/strict";
import { commandGrants } from "../../src/cli/grants.ts";
import { resolveLocations } from "../../src/cli/locations.ts";
import { parseArgs } from "../../src/cli/parse_args.ts";
import type { FileInvocation } from "../../src/cli/locations.ts";
import { UsageError } from "../../src/cli/usage_error.ts";

const context = { env: () => undefined, isRoot: true };

function grantsOf(args: string[]) {
  const invocation = parseArgs(args) as FileInvocation;
  return commandGrants(invocation, resolveLocations(invocation, context, "/work"));
}

Deno.test("watch parses its options, with a 300 s interval by default", () => {
  assert.deepEqual(parseArgs(["watch", "--no-user"]), {
    command: "watch",
    json: false,
    clean: false,
    strip: false,
    deep: false,
    intervalSeconds: 300,
    roster: { noUser: true },
  });
  assert.deepEqual(
    parseArgs(["watch", "--mounts-dir=m", "--clean", "--deep", "--json", "--interval", "0.5"]),
    {
      command: "watch",
      mountsDir: "m",
      json: true,
      clean: true,
      strip: false,
      deep: true,
      intervalSeconds: 0.5,
      roster: { noUser: false },
    },
  );
});

Deno.test("watch refuses an interval that is not a positive number of seconds", () => {
  for (const value of ["0", "-1", "abc", " ", "Infinity", "NaN", "1e400", "2000001"]) {
    assert.throws(() => parseArgs(["watch", `--interval=${value}`]), (error) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.command, "watch");
      assert.equal(
        error.message,
        `Option --interval needs a positive number of seconds (at most 2000000), not "${value}"`,
      );
      return true;
    });
  }
  assert.throws(() => parseArgs(["watch", "--dry-run"]), /Unknown option "--dry-run" for watch/);
});

Deno.test("watch gets the grants of scan, and with --clean those of clean", () => {
  assert.deepEqual(grantsOf(["watch", "--no-user"]), grantsOf(["scan", "--no-user"]));
  assert.deepEqual(
    grantsOf(["watch", "--clean", "--deep", "--mounts-dir", "/m", "--no-user"]),
    grantsOf(["clean", "--mounts-dir", "/m", "--no-user"]),
  );
  // terok's config.yml too: which credential files it exposes on purpose.
  assert.deepEqual(grantsOf(["watch", "--clean", "--mounts-dir", "/m", "--no-user"]), {
    read: ["/etc/terok/config.yml", "/m", "/etc/terok/vault-allow.yaml"],
    write: ["/m", "/proc/self/cwd"],
  });
});
