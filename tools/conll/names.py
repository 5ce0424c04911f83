#!/usr/bin/env python3
"""Build data/lexicon/conll_names.tsv: named entities seen in the CoNLL-2003
English *training* split, with how often each surface form was tagged with
each type.

The issue that set the entity targets allows train.txt to build lexicons; only
the entity names and counts are kept (no sentences, no text), the way the
CoNLL-2003 shared task's own gazetteer baseline was built. dev.txt is never
read here.

Usage: python3 tools/conll/names.py ../shared/data/conll2003/train.txt > data/lexicon/conll_names.tsv
"""
import collections
import sys


def spans(rows):
    cur = None
    for word, tag in rows + [("", "O")]:
        if tag == "O" or tag.startswith("B-") or (cur and tag[2:] != cur[0]):
            if cur:
                yield cur[0], " ".join(cur[1])
            cur = None
        if tag != "O":
            if cur is None:
                cur = (tag[2:], [])
            cur[1].append(word)


def main(path):
    counts = collections.defaultdict(collections.Counter)
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOC" "START-":
                for typ, name in spans(sent):
                    counts[name][typ] += 1
                sent = []
                continue
            sent.append((parts[0], parts[-1]))
    for typ, name in spans(sent):
        counts[name][typ] += 1
    print("# Named entities of the CoNLL-2003 English training split (Reuters, 1996):")
    print("# surface form, then TYPE=count for each type it was tagged with.")
    print("# Source: CoNLL-2003 shared task annotations (Tjong Kim Sang & De Meulder 2003),")
    print("# research use; names and counts only, no text. Built by tools/conll/names.py.")
    for name in sorted(counts):
        dist = ",".join(f"{t}={c}" for t, c in counts[name].most_common())
        print(f"{name}\t{dist}")


if __name__ == "__main__":
    main(sys.argv[1])
