import type { CliIo } from "./cli_io.ts";
import type { Locations } from "./locations.ts";
import { loadRoster } from "../roster/load_roster.ts";
import type { Roster } from "../roster/types.ts";
import { printNote, printWarning } from "./_messages.ts";

/** Loads the roster a command's locations name, printing the loader's notices on stderr. */
export function loadCommandRoster(locations: Locations, io: CliIo): Promise<Roster> {
  return loadRoster({
    rosterDir: locations.rosterDir,
    userDir: locations.userDir,
    userProvidersDir: locations.userProvidersDir,
    onNotice: (notice) => {
      const print = notice.level === "warning" ? printWarning : printNote;
      print(io, `${notice.file}: ${notice.message}`);
    },
  });
}
