/** ANSI styling that is a no-op when colour is off. */
export function style(enabled: boolean, code: "bold" | "red" | "yellow", text: string): string {
  if (!enabled) return text;
  const open = { bold: "\x1b[1m", red: "\x1b[31m", yellow: "\x1b[33m" }[code];
  return `${open}${text}\x1b[0m`;
}
