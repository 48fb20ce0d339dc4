import assert from "node:assert/strict";
import { parseArgs } from "../../src/cli/parse_args.ts";
import { UsageError } from "../../src/cli/usage_error.ts";

Deno.test("parseArgs() reads routes options in every spelling", () => {
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
  for (const spelling of [["-o=-"], ["-o-"], ["--output=-"], ["--output", "-"]]) {
    assert.deepEqual(parseArgs(["routes", ...spelling]), {
      command: "routes",
      output: "-",
      check: false,
      roster: { noUser: false },
    }, spelling.join(" "));
  }
  assert.equal(
    (parseArgs(["routes", "--output=--odd.json"]) as { output: string }).output,
    "--odd.json",
  );
});

Deno.test("parseArgs() reads scan and clean options", () => {
  assert.deepEqual(parseArgs(["scan", "--mounts-dir", "m", "--json", "--no-user"]), {
    command: "scan",
    mountsDir: "m",
    json: true,
    format: "json",
    deep: false,
    roster: { noUser: true },
  });
  assert.deepEqual(parseArgs(["scan", "--deep", "--no-user"]), {
    command: "scan",
    json: false,
    format: "text",
    deep: true,
    roster: { noUser: true },
  });
  assert.deepEqual(parseArgs(["scan", "--format", "sarif", "--no-user"]), {
    command: "scan",
    json: false,
    format: "sarif",
    deep: false,
    roster: { noUser: true },
  });
  assert.deepEqual(parseArgs(["scan", "--json", "--format=json", "--no-user"]).command, "scan");
  assert.throws(() => parseArgs(["clean", "--deep"]), UsageError);
  assert.deepEqual(parseArgs(["clean", "--dry-run", "--user-dir=u"]), {
    command: "clean",
    json: false,
    dryRun: true,
    delete: false,
    strip: false,
    roster: { userDir: "u", noUser: false },
  });
  assert.deepEqual(parseArgs(["clean", "--strip", "--no-user"]), {
    command: "clean",
    json: false,
    dryRun: false,
    delete: false,
    strip: true,
    roster: { noUser: true },
  });
  assert.throws(() => parseArgs(["clean", "--delete", "--strip"]), {
    name: "UsageError",
    message: "Options --delete and --strip contradict each other (--delete keeps nothing, " +
      "--strip keeps the file without its secrets)",
  });
  assert.throws(() => parseArgs(["watch", "--strip"]), {
    name: "UsageError",
    message: "Option --strip needs --clean",
  });
});

Deno.test("parseArgs() reads the quarantine actions and refuses what does not fit", () => {
  assert.deepEqual(parseArgs(["quarantine", "list", "--json", "--mounts-dir", "m"]), {
    command: "quarantine",
    action: "list",
    mountsDir: "m",
    json: true,
    roster: { noUser: true },
  });
  assert.deepEqual(parseArgs(["quarantine", "restore", "ID1", "--to", "d"]), {
    command: "quarantine",
    action: "restore",
    id: "ID1",
    to: "d",
    json: false,
    roster: { noUser: true },
  });
  assert.deepEqual(parseArgs(["quarantine", "purge", "--older-than", "1.5"]), {
    command: "quarantine",
    action: "purge",
    olderThanDays: 1.5,
    json: false,
    roster: { noUser: true },
  });
  const refusals: [string[], string][] = [
    [["quarantine"], "Name an action: list, restore, purge"],
    [
      ["quarantine", "lsit"],
      'Unknown action "lsit"; expected one of list, restore, purge (did you mean "list"?)',
    ],
    [["quarantine", "list", "x"], 'Unexpected argument "x"'],
    [["quarantine", "restore"], "Name the entry ID to restore (quarantine list shows them)"],
    [["quarantine", "purge"], "Name an entry ID or give --older-than DAYS (one of them)"],
    [
      ["quarantine", "purge", "X", "--older-than", "2"],
      "Name an entry ID or give --older-than DAYS (one of them)",
    ],
    [
      ["quarantine", "purge", "--older-than=-1"],
      'Option --older-than needs a number of days (0 to 100000), not "-1"',
    ],
    [
      ["quarantine", "purge", "--older-than=soon"],
      'Option --older-than needs a number of days (0 to 100000), not "soon"',
    ],
    [["quarantine", "list", "--to", "d"], "Option --to is for quarantine restore"],
    [["quarantine", "restore", "X", "--json"], "Option --json is for quarantine list"],
  ];
  for (const [args, message] of refusals) {
    assert.throws(() => parseArgs(args), { name: "UsageError", message });
  }
});

Deno.test("parseArgs() answers help, version, schema and completions", () => {
  assert.deepEqual(parseArgs([]), { command: "help" });
  assert.deepEqual(parseArgs(["--help"]), { command: "help" });
  assert.deepEqual(parseArgs(["scan", "--help"]), { command: "help", topic: "scan" });
  assert.deepEqual(parseArgs(["help", "clean"]), { command: "help", topic: "clean" });
  assert.deepEqual(parseArgs(["--version"]), { command: "version" });
  assert.deepEqual(parseArgs(["schema"]), { command: "schema" });
  assert.deepEqual(parseArgs(["completions", "fish"]), { command: "completions", shell: "fish" });
  assert.deepEqual(parseArgs(["completions", "--", "zsh"]), {
    command: "completions",
    shell: "zsh",
  });
});

Deno.test("parseArgs() refuses bad command lines with one clear message", () => {
  const cases: [string[], string][] = [
    [["frobnicate"], 'Unknown command "frobnicate"'],
    [["scna"], 'Unknown command "scna" (did you mean "scan"?)'],
    [["--frob"], 'Unknown option "--frob"'],
    [["--verison"], 'Unknown option "--verison" (did you mean "--version"?)'],
    [["scan", "--force"], 'Unknown option "--force" for scan'],
    [["scan", "--dry-run"], 'Unknown option "--dry-run" for scan (it is an option of clean)'],
    [["clean", "--deep"], 'Unknown option "--deep" for clean (it is an option of scan, watch)'],
    [
      ["scan", "--mount-dir", "m"],
      'Unknown option "--mount-dir" for scan (did you mean "--mounts-dir"?)',
    ],
    [
      ["scan", "--mount-dir=m"],
      'Unknown option "--mount-dir=m" for scan (did you mean "--mounts-dir"?)',
    ],
    [["routes", "extra"], 'Unexpected argument "extra"'],
    [["routes", "-"], 'Unexpected argument "-"'],
    [["routes", "--", "--check"], 'Unexpected argument "--check"'],
    [["routes", "-o"], "Option --output needs a value"],
    [["routes", "-o="], "Option --output needs a value"],
    [["routes", "--output="], "Option --output needs a value"],
    [
      ["routes", "-o", "--check"],
      'Option --output needs a value, but "--check" looks like an option (for a path that ' +
      'starts with "-", write "./--check")',
    ],
    [
      ["scan", "--mounts-dir", "-x"],
      'Option --mounts-dir needs a value, but "-x" looks like an option (for a path that ' +
      'starts with "-", write "./-x")',
    ],
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
    [["completions"], "Name a shell: bash, zsh, fish"],
    [
      ["completions", "bsh"],
      'Unknown shell "bsh"; expected one of bash, zsh, fish (did you mean "bash"?)',
    ],
    [["completions", "bash", "zsh"], 'Unexpected argument "zsh"'],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseArgs(args), (error: unknown) => {
      assert.ok(error instanceof UsageError, `${args.join(" ")}: not a UsageError`);
      assert.equal(error.message, message, args.join(" "));
      return true;
    });
  }
});

Deno.test("parseArgs() reads --unsafe-open-by-name for scan, clean and watch only", () => {
  for (const command of ["scan", "clean", "watch"]) {
    const given = parseArgs([command, "--unsafe-open-by-name"]) as { unsafeOpenByName?: true };
    assert.equal(given.unsafeOpenByName, true, command);
    const absent = parseArgs([command]) as { unsafeOpenByName?: true };
    assert.equal("unsafeOpenByName" in absent, false, command);
  }
  assert.throws(() => parseArgs(["routes", "--unsafe-open-by-name"]), UsageError);
});
