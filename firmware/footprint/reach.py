#!/usr/bin/env python3
"""Functions of a linked image reachable from a root by direct calls.

Usage: reach.py IMAGE.elf ROOT [--objdump TOOL] [--nm TOOL] [--stop FUNC,...]

Follows bl/b/blx/b.w/cbz targets that name another function in the
disassembly (indirect calls through pointers are not followed), and prints
"size<TAB>name" for every reachable function (sizes from nm -S), then the
total. Used to count the libc/libgcc helpers the hook calls (memcpy,
__aeabi_uldivmod, ...) apart from what the test harness links. Functions
named by --stop are neither followed nor counted (the system's printf and
the host fakes of logging and modem_key_mgmt, for the glue).
"""
import re
import subprocess
import sys


def main(argv):
    args = argv[1:]
    objdump, nm = "arm-none-eabi-objdump", "arm-none-eabi-nm"
    stop = set()
    if "--stop" in args:
        i = args.index("--stop")
        stop = set(args[i + 1].split(","))
        del args[i:i + 2]
    for flag in ("--objdump", "--nm"):
        if flag in args:
            i = args.index(flag)
            if flag == "--objdump":
                objdump = args[i + 1]
            else:
                nm = args[i + 1]
            del args[i:i + 2]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    elf, root = args
    dis = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], check=True,
                         capture_output=True, text=True).stdout
    calls, func = {}, None
    for line in dis.splitlines():
        m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
        if m:
            func = m.group(1)
            calls.setdefault(func, set())
            continue
        m = re.search(r"\t(?:bl|blx|b|b\.w|b\.n|beq\.w|bne\.w|cbz|cbnz)[a-z.]*\s+"
                      r"(?:r\d+, )?[0-9a-f]+ <([^>+]+)>", line)
        if m and func is not None and m.group(1) != func:
            calls[func].add(m.group(1))
    sizes = {}
    for line in subprocess.run([nm, "-S", elf], check=True, capture_output=True,
                               text=True).stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in "tTwW":
            sizes[parts[3]] = int(parts[1], 16)
    seen, todo = set(), [root]
    while todo:
        f = todo.pop()
        if f in seen or f in stop:
            continue
        seen.add(f)
        todo.extend(calls.get(f, ()))
    total = 0
    for f in sorted(seen, key=lambda n: -sizes.get(n, 0)):
        print(f"{sizes.get(f, 0)}\t{f}")
        total += sizes.get(f, 0)
    print(f"{total}\ttotal")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
