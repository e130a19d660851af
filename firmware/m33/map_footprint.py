#!/usr/bin/env python3
"""Bytes of flash each object of an archive contributes to a linked image.

Usage: map_footprint.py IMAGE.map [ARCHIVE_SUBSTRING]

Reads a GNU ld map file (-Wl,-Map) and sums the .text*, .rodata* and
.data* input sections kept after --gc-sections (.data counts: its initial
values live in flash), per object of the archives whose path contains
ARCHIVE_SUBSTRING (default: libmbedcrypto).  Prints one line per object,
largest first, then the total.
"""
import collections
import re
import sys

SECTION = re.compile(r"^ (\.[^\s]+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$")


def footprint(map_text, archive):
    text = map_text[map_text.index("Linker script and memory map"):]
    sizes = collections.Counter()
    pending = None  # a long section name ld printed on a line of its own
    for line in text.splitlines():
        match = SECTION.match(line)
        if match:
            section = match.group(1) or pending
            size = int(match.group(3), 16)
            origin = match.group(4)
            pending = None
            if (section and archive in origin and size and
                    section.startswith((".text", ".rodata", ".data"))):
                sizes[origin.rsplit("(", 1)[-1].rstrip(")")] += size
            continue
        stripped = line.strip()
        pending = (stripped if line.startswith(" .") and
                   len(stripped.split()) == 1 else None)
    return sizes


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8", errors="replace") as f:
        sizes = footprint(f.read(), argv[2] if len(argv) == 3 else
                          "libmbedcrypto")
    for obj, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{size:8d}  {obj}")
    print(f"{sum(sizes.values()):8d}  total")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
