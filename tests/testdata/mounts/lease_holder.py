"""Holds a write lease on PATH (as a container's process could on its own file) until stdin
closes, so every open of PATH by another process waits (up to the kernel's lease-break time).

Usage: lease_holder.py PATH   (prints "ready" once the lease is held)
"""

import fcntl
import os
import signal
import sys

signal.signal(signal.SIGIO, signal.SIG_IGN)  # the kernel's "please release" must not kill us
fd = os.open(sys.argv[1], os.O_WRONLY)
fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
print("ready", flush=True)
sys.stdin.read()
os.close(fd)
