// Copyright the terok-vault authors. MIT license.
/**
 * The control for the FIFO oracle: lstat, then open by name in the pinned directory (the
 * verified open, without the private link), in a loop for SECONDS under the scan's scoped
 * flags. It reads nothing it did not verify, yet its opens follow a swapped-in symlink.
 *
 * Usage: deno run --allow-read=MOUNTS naive_open_driver.ts DIR NAME SECONDS
 */
import { readVerified } from "../../../src/mounts/_read_verified.ts";

const [dir, name, seconds] = Deno.args as [string, string, string];
Deno.chdir(dir);
const deadline = Date.now() + Number(seconds) * 1000;
let tries = 0;
while (Date.now() < deadline) {
  try {
    const info = Deno.lstatSync(name);
    if (info.isFile) await readVerified(name, info, 1024);
  } catch {
    // absent for an instant: go on
  }
  tries++;
}
console.log(JSON.stringify({ tries }));
Deno.exit(0);
