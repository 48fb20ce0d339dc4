"""Run a command, its stdout into a file, and print its peak resident memory (for deno task bench).

Usage: _peak_rss.py STDOUT_FILE COMMAND [ARG...]

Prints one JSON line: {"code": <exit code>, "max_rss_kib": <peak RSS of the child, KiB>,
"seconds": <wall time>}. The peak comes from getrusage(RUSAGE_CHILDREN) after the child was
waited for: measured from outside, so the measured program needs no grant to read /proc.
"""

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    out, command = sys.argv[1], sys.argv[2:]
    start = time.monotonic()
    with open(out, "wb") as stdout:
        code = subprocess.run(command, stdout=stdout, stderr=subprocess.DEVNULL).returncode
    seconds = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"code": code, "max_rss_kib": peak, "seconds": round(seconds, 3)}))


main()
