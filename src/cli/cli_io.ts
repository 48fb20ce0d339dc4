/**
 * Where the CLI writes, and whether it may colour. Everything written through the process's
 * channels passes one choke point that escapes control characters and bidi overrides, so no
 * roster-derived name or mounts path can drive the terminal (docs/cli.md, "Messages").
 *
 * @module
 */

import { escapeControls, oneLine } from "./_escape_controls.ts";

/** Output channels of one CLI run; tests pass their own. */
export interface CliIo {
  /** Writes data (the command's result) to stdout. */
  stdout(text: string): void;
  /** Writes warnings, observations and errors to stderr. */
  stderr(text: string): void;
  /**
   * Replaces the progress line on a terminal's stderr (`""` clears it). The caller decides
   * whether stderr is a terminal; fakes may leave this out.
   */
  progress?(text: string): void;
  /** Whether stdout may carry ANSI colour. */
  colorStdout: boolean;
  /** Whether stderr may carry ANSI colour. */
  colorStderr: boolean;
}

/**
 * The process's own stdout and stderr; colour only on a terminal and never with `NO_COLOR`.
 *
 * Requires `--allow-env=NO_COLOR` to honour `NO_COLOR` (without it, colour stays off).
 *
 * @returns Channels that write synchronously, so output is complete before the process exits.
 *
 * @example
 * ```ts
 * import { processIo } from "./cli_io.ts";
 * processIo().stdout("hello\n");
 * ```
 */
export function processIo(): CliIo {
  const colorAllowed = colorPermitted();
  const colorStdout = colorAllowed && Deno.stdout.isTerminal();
  const colorStderr = colorAllowed && Deno.stderr.isTerminal();
  return {
    stdout: (text) => writeAll(Deno.stdout, escapeControls(text, colorStdout)),
    stderr: (text) => writeAll(Deno.stderr, escapeControls(text, colorStderr)),
    // Our own carriage return and erase-line, then the text escaped like any other line.
    progress: (text) =>
      writeAll(Deno.stderr, `\r\x1b[K${escapeControls(oneLine(text), colorStderr)}`),
    colorStdout,
    colorStderr,
  };
}

function colorPermitted(): boolean {
  try {
    // no-color.org: present and not empty.
    return !Deno.env.get("NO_COLOR");
  } catch {
    return false;
  }
}

function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = new TextEncoder().encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(stream.writeSync(bytes));
}

/**
 * Writes one line of a command's result to stdout; line breaks inside it are shown escaped.
 *
 * @param io Where to write.
 * @param text The line, without its final newline.
 */
export function writeLine(io: CliIo, text: string): void {
  io.stdout(`${oneLine(text)}\n`);
}
