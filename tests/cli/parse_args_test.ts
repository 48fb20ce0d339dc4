import assert from "node:assert/strict";
import { parseArgs } from "../../src/cli/parse_args.ts";
import { UsageError } from "../../src/cli/usage_error.ts";

Deno.test("parseArgs reads routes options in both spellings", () => {
  assert.deepEqual(parseArgs(["routes", "-o", "-"]), {
    command: "routes",
    output: "-",
    check: false,
    roster: { noUser: false },
  });
  assert.deepEqual(parseArgs(["routes", "--output=/x/r.json", "--check", "--roster", "R"]), {
    command: "routes",
    output: "/x/r.json",
    check: true,
    roster: { rosterDir: "R", noUser: false },
  });
});

Deno.test("parseArgs reads scan and clean options", () => {
  assert.deepEqual(parseArgs(["scan", "--mounts-dir", "m", "--json", "--no-user"]), {
    command: "scan",
    mountsDir: "m",
    json: true,
    deep: false,
    roster: { noUser: true },
  });
  assert.deepEqual(parseArgs(["scan", "--deep", "--no-user"]), {
    command: "scan",
    json: false,
    deep: true,
    roster: { noUser: true },
  });
  assert.throws(() => parseArgs(["clean", "--deep"]), UsageError);
  assert.deepEqual(parseArgs(["clean", "--dry-run", "--user-dir=u"]), {
    command: "clean",
    json: false,
    dryRun: true,
    roster: { userDir: "u", noUser: false },
  });
});

Deno.test("parseArgs answers help and version", () => {
  assert.deepEqual(parseArgs([]), { command: "help" });
  assert.deepEqual(parseArgs(["--help"]), { command: "help" });
  assert.deepEqual(parseArgs(["scan", "--help"]), { command: "help", topic: "scan" });
  assert.deepEqual(parseArgs(["help", "clean"]), { command: "help", topic: "clean" });
  assert.deepEqual(parseArgs(["--version"]), { command: "version" });
  assert.deepEqual(parseArgs(["schema"]), { command: "schema" });
});

Deno.test("parseArgs refuses bad command lines with one clear message", () => {
  const cases: [string[], string][] = [
    [["frobnicate"], 'Unknown command "frobnicate"'],
    [["--frob"], 'Unknown option "--frob"'],
    [["scan", "--force"], 'Unknown option "--force" for scan'],
    [["scan", "--dry-run"], 'Unknown option "--dry-run" for scan'],
    [["routes", "extra"], 'Unexpected argument "extra"'],
    [["routes", "-o"], "Option --output needs a value"],
    [["routes", "--output="], "Option --output needs a value"],
    [["routes", "--check=yes"], "Option --check takes no value"],
    [["scan", "--json", "--json"], "Option --json given twice"],
    [
      ["routes", "--check", "-o", "-"],
      "Option --check compares a file; it cannot be used with -o -",
    ],
    [
      ["scan", "--no-user", "--user-dir", "u"],
      "Options --user-dir and --no-user contradict each other",
    ],
    [["help", "nope"], 'Unknown command "nope"'],
    [["--version", "x"], 'Unexpected argument "x" after --version'],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseArgs(args), (error: unknown) => {
      assert.ok(error instanceof UsageError, `${args.join(" ")}: not a UsageError`);
      assert.equal(error.message, message);
      return true;
    });
  }
});
