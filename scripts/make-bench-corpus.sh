#!/bin/sh
# Build a JSON Lines benchmark corpus from the CoNLL-2003 token files.
#
#   scripts/make-bench-corpus.sh [MEGABYTES] [OUT] [CONLL FILES...]
#
# Articles are rebuilt from the token lines: a document per document-start line,
# tokens joined by spaces, sentences by line breaks. They are repeated
# (with fresh ids) until OUT holds at least MEGABYTES of JSON Lines.
# Defaults: 110 MB into target/bench/corpus.jsonl from
# ../shared/data/conll2003/{train,dev}.txt. Never commit the output.
set -eu
mb=${1:-110}
out=${2:-target/bench/corpus.jsonl}
[ $# -ge 2 ] && shift 2 || shift $#
if [ $# -eq 0 ]; then
    here=$(cd "$(dirname "$0")/.." && pwd)
    for d in "$here/../shared/data/conll2003" "$here/../../shared/data/conll2003" /work/shared/data/conll2003; do
        if [ -f "$d/train.txt" ]; then set -- "$d/train.txt" "$d/dev.txt"; break; fi
    done
fi
[ $# -gt 0 ] || { echo "make-bench-corpus: CoNLL files not found; name them" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
awk -v limit="$((mb * 1000000))" '
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s); return s }
function flush_sentence() { if (sent != "") { doc = (doc == "" ? sent : doc "\\n" sent); sent = "" } }
function flush_doc() { flush_sentence(); if (doc != "") docs[n++] = doc; doc = "" }
/^-DOC[S]TART-/ { flush_doc(); next }
/^[ \t]*$/ { flush_sentence(); next }
{ sent = (sent == "" ? esc($1) : sent " " esc($1)) }
END {
    flush_doc()
    if (n == 0) { print "make-bench-corpus: no documents read" > "/dev/stderr"; exit 1 }
    size = 0
    for (r = 0; size < limit; r++)
        for (i = 0; i < n && size < limit; i++) {
            line = "{\"id\":\"conll-" r "-" i "\",\"text\":\"" docs[i] "\"}"
            print line
            size += length(line) + 1
        }
}' "$@" > "$out"
echo "make-bench-corpus: $(wc -l < "$out") articles, $(wc -c < "$out") bytes in $out" >&2
