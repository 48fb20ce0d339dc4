/**
 * Test fixture: parses a command line as the CLI does, drops the write grants the command
 * does not need, then prints the state of each write path given after `--`.
 */
import { processContext } from "../../../src/cli/_context.ts";
import { dropUnneededWrites } from "../../../src/cli/drop_unneeded_writes.ts";
import { type FileInvocation, resolveLocations } from "../../../src/cli/locations.ts";
import { parseArgs } from "../../../src/cli/parse_args.ts";

const split = Deno.args.indexOf("--");
const invocation = parseArgs(Deno.args.slice(0, split)) as FileInvocation;
const context = processContext();
dropUnneededWrites(invocation, resolveLocations(invocation, context, Deno.cwd()), context);
for (const path of Deno.args.slice(split + 1)) {
  console.log(`${path} ${Deno.permissions.querySync({ name: "write", path }).state}`);
}
