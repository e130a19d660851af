#!/usr/bin/env python3
"""Flash and RAM of a linked image by group of objects, from its GNU ld map.

Usage: map_sizes.py IMAGE.map GROUP=REGEX... [--top N] [--reach FILE]

Every input section the link kept (.text*, .rodata*, .data*, .bss*, COMMON)
is attributed to the first GROUP whose REGEX matches its object's path
(archive members as "lib.a(obj.o)"); the rest go to "other". Prints, per
group, text, rodata, data and bss bytes; flash = text + rodata + data (the
initial values of .data live in flash), RAM = data + bss. With --top N, also
the N largest sections of each group (with -ffunction-sections a section is
one function or one object: .text.certfit_check). With --reach FILE (the
output of reach.py: "size<TAB>function" lines), also the bytes of the
reached functions that belong to no group (libc and libgcc helpers, whose
objects are not split per function) as "reach<TAB>other<TAB>bytes". Output
lines are tab-separated: "group<TAB>kind<TAB>bytes" and
"top<TAB>group<TAB>bytes<TAB>section".
"""
import collections
import re
import sys

LINE = re.compile(r"^ (\.[^\s]+|COMMON)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
KINDS = ((".text", "text"), (".rodata", "rodata"), (".data", "data"), (".bss", "bss"),
         ("COMMON", "bss"))


def kind_of(section):
    for prefix, kind in KINDS:
        if section == prefix or section.startswith(prefix + ".") or \
                (prefix == "COMMON" and section == "COMMON"):
            return kind
    return None


def main(argv):
    args = argv[1:]
    top, reach = 0, None
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i:i + 2]
    if "--reach" in args:
        i = args.index("--reach")
        reach = args[i + 1]
        del args[i:i + 2]
    if len(args) < 1:
        sys.stderr.write(__doc__)
        return 2
    groups = []
    for spec in args[1:]:
        name, regex = spec.split("=", 1)
        groups.append((name, re.compile(regex)))
    with open(args[0], encoding="utf-8", errors="replace") as f:
        text = f.read()
    text = text[text.index("Linker script and memory map"):]
    # stop before the discarded-sections list, if ld printed it after
    sizes = collections.defaultdict(collections.Counter)
    tops = collections.defaultdict(collections.Counter)
    grouped_functions = set()
    pending = None
    kept = []  # (address, size, section, origin) of each input section
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            section = m.group(1) or pending
            pending = None
            size = int(m.group(3), 16)
            origin = m.group(4).strip()
            if not section or size == 0 or origin.startswith("load address"):
                continue
            if kind_of(section) is None:
                continue
            kept.append((int(m.group(2), 16), size, section, origin))
            continue
        stripped = line.strip()
        pending = stripped if (line.startswith(" .") and len(stripped.split()) == 1) else None
    # Merged string sections (.rodata*.str1.1): ld prints the merged size
    # beside more than one input section of an object, at the address of
    # the section that follows; an input section ends where the next one
    # starts, so that no byte is counted twice.
    kept.sort(key=lambda k: k[0])
    for i, (address, size, section, origin) in enumerate(kept):
        if i + 1 < len(kept) and kept[i + 1][0] >= address:
            size = min(size, kept[i + 1][0] - address)
        if size == 0:
            continue
        group = next((n for n, r in groups if r.search(origin)), "other")
        sizes[group][kind_of(section)] += size
        if group != "other" and section.startswith(".text."):
            grouped_functions.add(section[len(".text."):])
        obj = re.sub(r"^.*[/(]", "", origin).rstrip(")")
        key = section if section.count(".") > 1 else f"{section} ({obj})"
        tops[group][key] += size
    for name in [n for n, _ in groups] + ["other"]:
        s = sizes.get(name, collections.Counter())
        for kind in ("text", "rodata", "data", "bss"):
            print(f"{name}\t{kind}\t{s[kind]}")
        if top:
            for section, size in tops[name].most_common(top):
                print(f"top\t{name}\t{size}\t{section}")
    if reach:
        other = 0
        with open(reach, encoding="utf-8") as f:
            for line in f:
                size, func = line.rstrip("\n").split("\t")
                if func != "total" and func not in grouped_functions:
                    other += int(size)
        print(f"reach\tother\t{other}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
