"""Hostile container stand-in for the concurrent-swapper test (tests/mounts/*_e2e_test.ts).

Usage: swapper.py MOUNTS VICTIM_DIR SECONDS [bursty [CONTROL_DIR]]

For SECONDS, as fast as it can, with atomic renames only:
- MOUNTS/_flat-config/creds.json flips between a real (fake) leak file, a symlink to
  VICTIM_DIR/creds.json and a FIFO;
- MOUNTS/_nested-config/sub flips between a real directory holding a leak creds.json and a
  symlink to VICTIM_DIR (renameat2 RENAME_EXCHANGE when available, else two renames).
With "bursty", the nested directory flips in 0.3 s bursts separated by 3 s of quiet (the real
directory in place; twice the guard's 1.5 s, room for a loaded machine), so the scanner's quiet-path guard lets reads start and a burst can
land in the middle of one. With a CONTROL_DIR, a file CONTROL_DIR/hold stretches the quiet
spell for as long as it exists (a test on a loaded machine whose every read met a burst), and
CONTROL_DIR/stop ends the run before SECONDS. Prints the number of swaps on stdout. Never
touches VICTIM_DIR's contents.
"""

import ctypes
import os
import sys
import time

LEAK = '{"token": "FAKE-TEST-SECRET-not-real"}'
AT_FDCWD = -100
RENAME_EXCHANGE = 2

libc = ctypes.CDLL(None, use_errno=True)


def exchange(a: str, b: str) -> bool:
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    return renameat2(AT_FDCWD, a.encode(), AT_FDCWD, b.encode(), RENAME_EXCHANGE) == 0


def swap_by_renames(nested: str, sub: str, alt: str) -> None:
    """No renameat2: three renames, with a short window where 'sub' is absent."""
    hold = os.path.join(nested, "sub.hold")
    os.rename(sub, hold)
    os.rename(alt, sub)
    os.rename(hold, alt)


def write_leak(path: str) -> None:
    with open(path + ".tmp", "w") as f:
        f.write(LEAK)
    os.rename(path + ".tmp", path)


def main() -> None:
    mounts, victim, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    bursty = len(sys.argv) > 4 and sys.argv[4] == "bursty"
    control = sys.argv[5] if bursty and len(sys.argv) > 5 else None
    hold = os.path.join(control, "hold") if control else None
    stop = os.path.join(control, "stop") if control else None
    burst_until = time.monotonic() + 0.3
    flat = os.path.join(mounts, "_flat-config")
    nested = os.path.join(mounts, "_nested-config")
    os.makedirs(flat, exist_ok=True)
    os.makedirs(os.path.join(nested, "sub"), exist_ok=True)
    alt = os.path.join(nested, "sub.alt")
    if not os.path.lexists(alt):
        os.symlink(victim, alt)
    target = os.path.join(flat, "creds.json")
    swaps = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (stop and os.path.exists(stop)):
        # Flat file: leak -> symlink to the victim -> FIFO, each by rename-over.
        write_leak(target)
        swaps += 1
        tmp_link = target + ".link"
        if os.path.lexists(tmp_link):
            os.unlink(tmp_link)
        os.symlink(os.path.join(victim, "creds.json"), tmp_link)
        os.rename(tmp_link, target)
        swaps += 1
        tmp_fifo = target + ".fifo"
        if os.path.lexists(tmp_fifo):
            os.unlink(tmp_fifo)
        os.mkfifo(tmp_fifo)
        os.rename(tmp_fifo, target)
        swaps += 1
        write_leak(target)
        swaps += 1
        # Nested directory: keep a leak in the real one, then flip it with the symlink.
        sub = os.path.join(nested, "sub")
        if bursty and time.monotonic() > burst_until:
            if os.path.islink(sub):
                exchange(sub, alt) or swap_by_renames(nested, sub, alt)
                swaps += 1
            quiet_until = min(time.monotonic() + 3.0, deadline)
            while time.monotonic() < quiet_until or (hold and os.path.exists(hold)):
                if time.monotonic() >= deadline or (stop and os.path.exists(stop)):
                    break
                time.sleep(0.05)
            burst_until = time.monotonic() + 0.3
            continue
        real = alt if os.path.islink(sub) else sub
        if not os.path.lexists(os.path.join(real, "creds.json")):
            write_leak(os.path.join(real, "creds.json"))
        for _ in range(20):
            if exchange(sub, alt):
                swaps += 1
                continue
            swap_by_renames(nested, sub, alt)
            swaps += 1
    print(swaps)


if __name__ == "__main__":
    main()
