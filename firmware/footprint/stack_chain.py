#!/usr/bin/env python3
"""Worst-case stack of a call chain, from GCC's -fcallgraph-info=su files.

Usage: stack_chain.py [--elf IMAGE.elf] [--objdump TOOL] [--leaf FUNC,...] ROOT FILE.ci...

Each .ci file (one per compiled source) gives every function's own frame
(-fstack-usage) and the calls it makes. The worst case of ROOT is its frame
plus the deepest of its callees, recursively. Functions without a .ci entry
(prebuilt newlib, say) are estimated from their disassembly in --elf (push
and sub sp in the prologue) when given, else counted as 0 and listed.
Functions named by --leaf count their own frame but not their callees'.
Prints the deepest chain, one function per line with its frame, then the
total; notes recursion, calls through function pointers (not followed: the
callee is not known statically, so the total is a lower bound where they
lead deeper) and dynamic frames (alloca/VLA).
"""
import re
import subprocess
import sys

NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
FRAME = re.compile(r"\\n(\d+) bytes \((\w+(?:,\w+)*)\)")


def load(files):
    frames, quals, edges, names = {}, {}, {}, {}
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = NODE.match(line)
                if m:
                    title, label = m.groups()
                    fm = FRAME.search(label)
                    if fm:
                        frames[title] = int(fm.group(1))
                        quals[title] = fm.group(2)
                        names[title] = label.split("\\n", 1)[0]
                    continue
                m = EDGE.match(line)
                if m:
                    edges.setdefault(m.group(1), []).append(m.group(2))
    return frames, quals, edges, names


def objdump_frames(elf, tool):
    """Prologue stack of every function in the image: push + sub sp."""
    out = subprocess.run([tool, "-d", "--no-show-raw-insn", elf], check=True,
                         capture_output=True, text=True).stdout
    frames, func, seen = {}, None, 0
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
        if m:
            func, seen = m.group(1), 0
            frames[func] = 0
            continue
        if func is None or seen > 12:
            continue
        seen += 1
        ins = line.split("\t")[1:] if "\t" in line else []
        if len(ins) < 2:
            continue
        op, args = ins[0].strip(), ins[1].strip()
        if op.startswith(("push", "stmdb")) and "{" in args:
            frames[func] += 4 * len(args[args.index("{") + 1:args.index("}")].split(","))
        elif op.startswith("vpush") and "{" in args:
            frames[func] += 8 * len(args[args.index("{") + 1:args.index("}")].split(","))
        elif op.startswith("sub") and args.startswith("sp, sp, #"):
            frames[func] += int(args.split("#")[1].split()[0], 0)
        elif op.startswith("sub") and args.startswith("sp, #"):
            frames[func] += int(args.split("#")[1].split()[0], 0)
    return frames


def main(argv):
    args = argv[1:]
    elf, tool, leaves = None, "arm-none-eabi-objdump", set()
    while args and args[0].startswith("--"):
        if args[0] == "--elf":
            elf = args[1]
        elif args[0] == "--objdump":
            tool = args[1]
        elif args[0] == "--leaf":
            leaves = set(args[1].split(","))
        args = args[2:]
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    root, files = args[0], args[1:]
    frames, quals, edges, names = load(files)
    estimated = objdump_frames(elf, tool) if elf else {}
    unknown, indirect, recursive, dynamic = set(), set(), set(), set()
    memo = {}

    def cost(title, stack):
        if title in memo:
            return memo[title]
        if title in stack:
            recursive.add(names.get(title, title))
            return (0, [])
        if title == "__indirect_call":
            return (0, [])
        own = frames.get(title)
        if own is None:
            own = estimated.get(title)
            if own is None:
                unknown.add(title)
                own = 0
            chain_self = (title, own, "objdump" if title in estimated else "unknown")
        else:
            if "dynamic" in quals.get(title, ""):
                dynamic.add(names.get(title, title))
            chain_self = (names.get(title, title), own, quals.get(title, ""))
        best = (0, [])
        callees = [] if names.get(title, title) in leaves or title in leaves else \
            edges.get(title, [])
        for callee in callees:
            if callee == "__indirect_call":
                indirect.add(names.get(title, title))
                continue
            c = cost(callee, stack | {title})
            if c[0] > best[0]:
                best = c
        result = (own + best[0], [chain_self] + best[1])
        memo[title] = result
        return result

    total, chain = cost(root, frozenset())
    if root not in frames:
        print(f"stack_chain: {root} has no .ci entry", file=sys.stderr)
        return 1
    for name, own, how in chain:
        print(f"{own:6d}  {name}  ({how})")
    print(f"{total:6d}  worst case from {root}")
    if indirect:
        print("note: calls through function pointers not followed (the caller's callback, "
              "Mbed TLS's pk/md dispatch) in: " +
              ", ".join(sorted(indirect)))
    if recursive:
        print("note: recursion (each cycle counted once): " + ", ".join(sorted(recursive)))
    if dynamic:
        print("note: dynamic frames: " + ", ".join(sorted(dynamic)))
    if unknown:
        print("note: no frame known (counted 0): " + ", ".join(sorted(unknown)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
