#!/usr/bin/env python3
"""Bytes each input contributed to a shared library, from a GNU ld map.

    map_sizes.py LIBRARY.map

Prints "group bytes" lines: own code (LTO partitions and our objects),
abseil, protobuf-lite, zstd, the C/C++ runtime's static start-up files,
and anything else by file name. Only the contents of sections that take
room in the stripped file are counted (code, read-only data, unwind
tables, initialised data); the linker's own tables (dynamic symbols,
relocations, GOT/PLT, headers) are not inputs and are left to the caller
as the difference to the file size.
"""
import re
import sys
from collections import Counter

# Output sections whose inputs are code or data in the stripped file.
COUNTED = (".text", ".rodata", ".eh_frame", ".gcc_except_table",
           ".data.rel.ro", ".data", ".tdata", ".init_array", ".fini_array",
           ".init", ".fini")

GROUPS = (
    (re.compile(r"libabsl_"), "abseil"),
    (re.compile(r"libprotobuf-lite"), "protobuf-lite"),
    (re.compile(r"libzstd"), "zstd"),
    (re.compile(r"ltrans|CMakeFiles/|libtelegate_"), "own code"),
    (re.compile(r"crt[a-zA-Z]*\.o|libgcc|libstdc\+\+|libc_nonshared"),
     "C/C++ runtime (static parts)"),
)

INPUT = re.compile(r"^\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)\s+(\S.*)$")


def group_of(path):
    for pattern, name in GROUPS:
        if pattern.search(path):
            return name
    return "other: " + path


def main():
    sizes = Counter()
    output_section = None
    in_memory_map = False
    pending = False  # an input section name alone on its line
    with open(sys.argv[1], errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not in_memory_map:
                in_memory_map = line.startswith("Linker script and memory map")
                continue
            if line and not line[0].isspace():
                output_section = line.split()[0]
                pending = False
                continue
            if output_section not in COUNTED:
                continue
            if line.startswith(" *fill*"):
                continue  # alignment padding
            if re.match(r"^ [.\w]", line):
                # " .text.foo  0xADDR  0xSIZE  file" or the name alone.
                fields = line.split(None, 1)
                if len(fields) == 1:
                    pending = True
                    continue
                line = " " * 16 + fields[1]
            elif not pending:
                continue  # symbol lines, patterns
            pending = False
            match = INPUT.match(line)
            if match:
                sizes[group_of(match.group(2))] += int(match.group(1), 16)
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        if size > 0:
            print(f"{name}\t{size}")


if __name__ == "__main__":
    main()
