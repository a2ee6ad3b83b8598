#!/usr/bin/env python3
"""Refreshes the examples of docs/ops.md from a transcript of docs/bench/ops-transcript.sh.

    python3 docs/bench/refresh-ops-md.py TRANSCRIPT [docs/ops.md]

Every "$ command" line in a code block of ops.md whose text appears in the transcript gets the transcript's output
(up to its "[exit N]" line); others are left as they are and listed on stderr.
"""
import re
import sys

transcript = open(sys.argv[1], encoding='utf-8').read().split('\n')
path = sys.argv[2] if len(sys.argv) > 2 else 'docs/ops.md'
blocks = {}
i = 0
while i < len(transcript):
    if transcript[i].startswith('$ '):
        j = i + 1
        while j < len(transcript) and not re.fullmatch(r'\[exit \d+\]', transcript[j]):
            j += 1
        blocks.setdefault(transcript[i], transcript[i + 1:j + 1])
        i = j
    i += 1

lines = open(path, encoding='utf-8').read().split('\n')
out, missing, i, in_code = [], [], 0, False
while i < len(lines):
    line = lines[i]
    if line.startswith('```'):
        in_code = not in_code
    if in_code and line.startswith('$ '):
        out.append(line)
        j = i + 1
        while j < len(lines) and not re.fullmatch(r'\[exit \d+\]', lines[j]) and not lines[j].startswith('```'):
            j += 1
        if line in blocks and j < len(lines) and not lines[j].startswith('```'):
            out.extend(blocks[line])
            i = j + 1
            continue
        missing.append(line)
    out.append(line) if not (in_code and line.startswith('$ ')) else None
    i += 1
open(path, 'w', encoding='utf-8').write('\n'.join(out))
for line in missing:
    print('not in the transcript, left as is:', line, file=sys.stderr)
