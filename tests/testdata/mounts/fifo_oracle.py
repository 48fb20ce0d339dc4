"""Host-FIFO oracle for the open-safety test (tests/mounts/open_safety_e2e_test.ts).

Usage: fifo_oracle.py MOUNTS FIFO SECONDS NAME [NAME ...]

A host process (a thread here) is blocked opening FIFO for writing; every time some reader
opens FIFO, that open returns: one "release" (a real writer would then die of SIGPIPE). For
SECONDS, as fast as it can, each MOUNTS/NAME is cycled with renameat2(RENAME_EXCHANGE)
through a regular file holding a fake leak, then a directory, then a symlink to FIFO, so a
scanner that saw a file finds a directory (which link() refuses with EPERM) and then a
symlink (which an open by name follows). Prints one JSON line: {"swaps": N, "releases": M}.
Only a program that opens a swapped-in symlink can release the writer.
"""

import ctypes
import json
import os
import signal
import sys
import threading
import time

AT_FDCWD = -100
RENAME_EXCHANGE = 2
LEAK = '{"token": "FAKE-TEST-SECRET-not-real"}\n'

libc = ctypes.CDLL(None, use_errno=True)
releases = 0
stopping = False


def writer(fifo: str) -> None:
    global releases
    while not stopping:
        fd = os.open(fifo, os.O_WRONLY)  # blocks until a reader opens the FIFO
        if not stopping:
            releases += 1
        os.close(fd)


def exchange(a: str, b: str) -> None:
    if libc.renameat2(AT_FDCWD, a.encode(), AT_FDCWD, b.encode(), RENAME_EXCHANGE) != 0:
        raise OSError(ctypes.get_errno(), f"renameat2 {a} {b}")


def restore(names: tuple) -> None:
    """clean removed the leak: put a fresh one back under the name that is missing."""
    for name in names:
        if not os.path.lexists(name):
            with open(name + ".tmp", "w") as f:
                f.write(LEAK)
            os.rename(name + ".tmp", name)


def main() -> None:
    global stopping
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    mounts, fifo, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    pairs = []
    for name in sys.argv[4:]:
        path = os.path.join(mounts, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(LEAK)
        alt = path + ".alt"
        if os.path.lexists(alt):
            os.unlink(alt)
        os.symlink(fifo, alt)
        folder = path + ".dir"
        os.makedirs(folder, exist_ok=True)
        pairs.append((path, folder, alt))
    thread = threading.Thread(target=writer, args=(fifo,), daemon=True)
    thread.start()
    print("ready", flush=True)
    swaps = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # path: file -> directory -> symlink -> file ... (exchanging with .dir, then .alt)
        for names in pairs:
            for other in names[1:]:
                try:
                    exchange(names[0], other)
                    swaps += 1
                except OSError:
                    restore(names)

    stopping = True
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # let the writer's last open return
    thread.join(2)
    os.close(fd)
    print(json.dumps({"swaps": swaps, "releases": releases}), flush=True)


if __name__ == "__main__":
    main()
