/**
 * The link-window case of `deno task bench` (issue 17 item 9): how many host files a container
 * reaches through the deep walk's `link()` calls, with the path guard looked at before every
 * link (the program's own) and once per batch of links (as before), and no host byte read.
 *
 * A host dir's subdirectory `sub` (60 files) is swapped for a symlink to a host directory of
 * 60 victim files the instant a scan hard-links its first file (the link count is the side
 * channel, tests/testdata/mounts/link_window_swapper.py). `scan --deep` runs again and again under the CLI's
 * scoped flags while it does; after each run the victims' ctime and link count tell which ones
 * were linked, and their atime (set before their mtime, so any read moves it) whether a byte
 * was read.
 *
 * @module
 */

import { benchCliArgs, type Knobs } from "./_bench_cli_args.ts";
import { fileUrlPath } from "./_file_url_path.ts";
import { isRunnable } from "./_bench_deep.ts";

const FILES = 60;

interface Look {
  ctime: number;
  atime: number;
  nlink: number;
}

interface Tally {
  runs: number;
  triggers: number;
  linked: number;
  read: number;
  worst: number;
  codes: Map<number, number>;
}

function names(): string[] {
  return Array.from({ length: FILES }, (_, i) => `f${String(i).padStart(2, "0")}`);
}

function look(victims: string): Look[] {
  return names().map((name) => {
    const info = Deno.lstatSync(`${victims}/${name}`);
    return {
      ctime: info.ctime?.getTime() ?? 0,
      atime: info.atime?.getTime() ?? 0,
      nlink: info.nlink ?? 1,
    };
  });
}

/** One mode for `seconds`: the swapper runs the whole time, scans follow each other. */
async function attack(
  dir: string,
  mounts: string,
  victims: string,
  knobs: Knobs,
  seconds: number,
  tally: Tally,
): Promise<void> {
  const args = await benchCliArgs(
    ["scan", "--deep", "--json", "--no-user", "--mounts-dir", mounts],
    dir,
    knobs,
  );
  const swapper = new Deno.Command("python3", {
    args: [
      fileUrlPath(new URL("../tests/testdata/mounts/link_window_swapper.py", import.meta.url)),
      `${mounts}/_nested-config`,
      victims,
      String(seconds),
    ],
    stdout: "piped",
  }).spawn();
  let done = false;
  const ended = swapper.output().then((out) => {
    done = true;
    return out;
  });
  while (!done) {
    const before = look(victims);
    const { code } = await new Deno.Command(Deno.execPath(), {
      args,
      cwd: dir,
      stdout: "null",
      stderr: "null",
    }).output();
    const after = look(victims);
    let linked = 0;
    for (const [i, was] of before.entries()) {
      const now = after[i]!;
      if (now.ctime !== was.ctime || now.nlink !== 1) linked++;
      if (now.atime !== was.atime) tally.read++;
    }
    tally.linked += linked;
    tally.worst = Math.max(tally.worst, linked);
    tally.runs++;
    tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
  }
  const out = await ended;
  tally.triggers += JSON.parse(new TextDecoder().decode(out.stdout)).triggers;
}

/**
 * Set up the host dir and the victims, attack each mode in interleaved rounds, print a table.
 *
 * @param dir A scratch directory (removed by the caller).
 * @param seconds Attack time per mode, split over two rounds.
 */
export async function benchLinkWindow(dir: string, seconds: number): Promise<void> {
  if (!(await isRunnable("python3", ["--version"]))) {
    console.log("\nlink window: skipped (the attacker is a python3 script)");
    return;
  }
  const mounts = `${dir}/lw-mounts`;
  const victims = `${dir}/lw-host`;
  await Deno.mkdir(`${mounts}/_nested-config/sub`, { recursive: true });
  await Deno.mkdir(victims);
  const old = new Date(Date.now() - 86_400_000);
  for (const name of names()) {
    await Deno.writeTextFile(`${mounts}/_nested-config/sub/${name}`, "a container's file\n");
    await Deno.writeTextFile(`${victims}/${name}`, "a host file\n");
    // atime before mtime: a read moves it, whatever the mount's relatime.
    await Deno.utime(`${victims}/${name}`, old, new Date());
  }
  // The symlink `sub.alt` is made by the swapper (Deno makes none under scoped grants).
  const modes: [string, Knobs][] = [
    ["guard once per batch of 64 (before)", { readers: 0, guard: "batch", split: false }],
    ["guard before every link (now)", { readers: 0, guard: "each", split: false }],
  ];
  const tallies = modes.map((): Tally => ({
    runs: 0,
    triggers: 0,
    linked: 0,
    read: 0,
    worst: 0,
    codes: new Map(),
  }));
  for (let round = 0; round < 2; round++) {
    for (const [i, [, knobs]] of modes.entries()) {
      await attack(dir, mounts, victims, knobs, seconds / 2, tallies[i]!);
    }
  }
  console.log(
    `\nlink window: a subdirectory of ${FILES} files swapped for a symlink to ${FILES} host ` +
      `files when a scan links its first file; scan --deep again and again, ${seconds} s per mode`,
  );
  console.log(
    `\n${"mode".padEnd(38)} ${"runs".padStart(5)} ${"swaps".padStart(6)} ${
      "host files linked".padStart(18)
    } ${"worst run".padStart(10)} ${"read".padStart(5)}  exit codes`,
  );
  for (const [i, [name]] of modes.entries()) {
    const t = tallies[i]!;
    const codes = [...t.codes].sort(([a], [b]) => a - b).map(([code, n]) => `${code}: ${n}`);
    console.log(
      `${name.padEnd(38)} ${String(t.runs).padStart(5)} ${String(t.triggers).padStart(6)} ${
        String(t.linked).padStart(18)
      } ${String(t.worst).padStart(10)} ${String(t.read).padStart(5)}  ${codes.join(", ")}`,
    );
  }
  await Deno.remove(mounts, { recursive: true });
  await Deno.remove(victims, { recursive: true });
}
