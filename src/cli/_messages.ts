/**
 * The one shape of every stderr line: `terok-vault: error: ...`, `terok-vault: warning: ...`,
 * `terok-vault: note: ...`, the severity coloured on a terminal (docs/cli.md, "Messages").
 *
 * @module
 */

import { oneLine } from "./_escape_controls.ts";
import { style, type StyleName } from "./_style.ts";
import type { CliIo } from "./cli_io.ts";

/** How serious a stderr line is. */
export type Severity = "error" | "warning" | "note";

const COLOUR: Readonly<Record<Severity, StyleName>> = {
  error: "boldRed",
  warning: "yellow",
  note: "cyan",
};

/** The program's name, the prefix of every stderr line. */
export const PROGRAM = "terok-vault";

/** Formats one stderr line (with its newline); the severity is coloured when `color`. */
export function messageLine(severity: Severity, message: string, color: boolean): string {
  return `${PROGRAM}: ${style(color, COLOUR[severity], `${severity}:`)} ${oneLine(message)}\n`;
}

/** Prints `terok-vault: <severity>: <message>` on stderr. */
export function printMessage(io: CliIo, severity: Severity, message: string): void {
  io.stderr(messageLine(severity, message, io.colorStderr));
}

/** Prints `terok-vault: error: <message>` on stderr. */
export function printError(io: CliIo, message: string): void {
  io.stderr(messageLine("error", message, io.colorStderr));
}

/** Prints `terok-vault: warning: <message>` on stderr. */
export function printWarning(io: CliIo, message: string): void {
  io.stderr(messageLine("warning", message, io.colorStderr));
}

/** Prints `terok-vault: note: <message>` on stderr. */
export function printNote(io: CliIo, message: string): void {
  io.stderr(messageLine("note", message, io.colorStderr));
}
