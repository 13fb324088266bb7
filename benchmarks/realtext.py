"""Descriptions of real length and vocabulary, from a small word-frequency model.

    python benchmarks/realtext.py 98681 > esco-sized.json   # ~59 MB, as ESCO's

The synthetic descriptions of `generate` are short repeated words; real ones (ESCO's,
a company's ladder) are paragraphs of a few hundred characters in a vocabulary of
thousands of words, with punctuation, typographic quotes and dashes, accented words,
the odd colon and bulleted list on lines of its own, and lengths that vary from a line
to a page. The model here is written for this benchmark (no text is copied): a table
of words by part of speech, each with a relative frequency, and sentence shapes that
put them together, drawn with a seeded generator so that the file is the same each run.
Words are also derived (a prefix or a suffix) to give the long tail real text has.
"""

from __future__ import annotations

import itertools
import random
import sys
from typing import Any

from generate import generate

# word frequency, by part of speech: the frequencies are relative within each table.
VERBS = """
develops 40 maintains 35 ensures 34 applies 30 designs 28 leads 27 manages 26
reviews 24 identifies 24 supports 23 coordinates 22 evaluates 21 communicates 20
implements 20 monitors 19 analyses 18 documents 17 establishes 16 promotes 15
negotiates 14 advises 14 prepares 13 investigates 12 assesses 12 defines 12
contributes 11 mentors 11 facilitates 10 interprets 10 resolves 10 plans 10 builds 9
organises 9 selects 9 oversees 8 adapts 8 recommends 8 validates 7 audits 7
integrates 7 anticipates 6 challenges 6 safeguards 5 reconciles 5 calibrates 4
articulates 4 champions 4 arbitrates 3 synthesises 3 orchestrates 3 benchmarks 2
"""
NOUNS = """
work 50 team 44 practice 40 standards 36 systems 34 processes 33 stakeholders 30
requirements 29 quality 28 risks 26 services 25 organisation 24 information 24
procedures 22 solutions 22 data 22 projects 21 policies 20 colleagues 19 customers 19
tools 18 methods 17 resources 16 performance 16 changes 15 activities 15 outcomes 14
documentation 14 safety 13 compliance 13 budgets 12 suppliers 12 equipment 12
priorities 11 objectives 11 guidance 10 feedback 10 training 10 materials 10
legislation 9 audits 9 contracts 8 incidents 8 evidence 8 schedules 8 techniques 7
inventory 7 patients 6 learners 6 regulations 6 infrastructure 6 architecture 5
workflows 5 hazards 5 specifications 5 measurements 4 portfolios 4 tenders 3
ergonomics 3 provenance 2 fiduciaries 2 procurement 4 logistics 3 telemetry 2
"""
ADJECTIVES = """
relevant 30 appropriate 28 complex 22 effective 20 technical 20 new 18 operational 16
professional 15 internal 14 external 14 strategic 13 safe 12 accurate 12 key 12
sustainable 10 legal 10 financial 10 routine 9 critical 9 clinical 8 digital 8
multidisciplinary 6 cross-functional 6 long-term 6 day-to-day 5 regulatory 5
environmental 5 contractual 4 statutory 4 ethical 4 bespoke 2 ad hoc 2
"""
ADVERBS = """
effectively 10 accurately 8 independently 8 safely 7 consistently 7 proactively 6
regularly 6 promptly 5 systematically 4 collaboratively 4 confidently 3
"""
PREPOSITIONS = "of 60 for 30 with 25 in 40 across 10 within 12 to 35 on 15 under 4 among 3"
CONNECTORS = """
and 60 or 12 including 8 such as 8 as well as 6 in line with 5 according to 5
in order to 4 where necessary 3 when required 3 in accordance with 3
"""
# Characters and words from outside ASCII that career-framework text holds.
TYPOGRAPHIC = """
organisation’s 3 team’s 3 client’s 2 “best practice” 2 café 1 résumé 1 naïve 1
rôle 1 coöperation 1 façade 1 protégé 1 São 1 Zürich 1 Málaga 1 Ångström 1
"""
# Sentence shapes: V verb, N noun, A adjective, D adverb, P preposition, C connector,
# T a typographic word, "–" a dash, ":" a colon before a short list.
SHAPES = """
V A N P A N. 30
V D N C N P N. 20
V N P A N C A N P N. 16
V A N – V N P N. 8
V N C N, C V N P A N. 8
V N P N: N, N C N. 5
V T N P N. 5
V A N, P A N C N, P A N. 5
"""
#: Prefixes and suffixes that make rarer words of the table's, as real text has.
PREFIXES = ("re", "co", "pre", "sub", "inter", "multi", "non-", "self-", "over", "under")
SUFFIXES = ("s", "ing", "ed", "al", "ally", "ness", "ity", "ise", "ive", "ment")


def _table(text: str) -> tuple[list[str], list[float]]:
    """Words and their cumulative weights, from "word frequency" pairs (words may be several)."""
    words, weights = [], []
    tokens = text.split()
    phrase: list[str] = []
    for token in tokens:
        if token.isdigit():
            words.append(" ".join(phrase))
            weights.append(float(token))
            phrase = []
        else:
            phrase.append(token)
    return words, list(itertools.accumulate(weights))


_TABLES = {
    key: _table(text)
    for key, text in {
        "V": VERBS,
        "N": NOUNS,
        "A": ADJECTIVES,
        "D": ADVERBS,
        "P": PREPOSITIONS,
        "C": CONNECTORS,
        "T": TYPOGRAPHIC,
    }.items()
}
_SHAPES: tuple[list[str], list[float]] = (
    [line.rsplit(" ", 1)[0] for line in SHAPES.strip().splitlines()],
    list(
        itertools.accumulate(float(line.rsplit(" ", 1)[1]) for line in SHAPES.strip().splitlines())
    ),
)


def _word(rng: random.Random, part: str) -> str:
    words, weights = _TABLES[part]
    (word,) = rng.choices(words, cum_weights=weights)
    if part in "NA" and rng.random() < 0.12:
        # The long tail: a word derived from the table's, as real vocabularies grow.
        word = (rng.choice(PREFIXES) if rng.random() < 0.5 else "") + word
        word += rng.choice(SUFFIXES) if rng.random() < 0.5 else ""
    return word


def sentence(rng: random.Random) -> str:
    """One sentence of a shape drawn by frequency."""
    (shape,) = rng.choices(*_SHAPES)
    out: list[str] = []
    for token in shape.split():
        part = token.rstrip(".,:")
        punctuation = token[len(part) :]
        out.append((_word(rng, part) if part in _TABLES else part) + punctuation)
    text = " ".join(out)
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random, length: int) -> str:
    """About `length` characters on average (log-normally spread, a line to a page).

    One in eight paragraphs ends in a bulleted list on lines of its own.
    """
    target = max(40, int(length * rng.lognormvariate(0, 0.55)))
    sentences: list[str] = []
    size = 0
    while size < target:
        sentences.append(sentence(rng))
        size += len(sentences[-1]) + 1
    text = " ".join(sentences)
    if rng.random() < 0.125:
        text += "\n" + "\n".join(f"• {sentence(rng)}" for _ in range(rng.randrange(2, 5)))
    return text


#: ESCO's size: 98,681 expectations (its occupations' essential and optional skills).
ESCO_EXPECTATIONS = 98_681


def generate_real(expectations: int = ESCO_EXPECTATIONS, seed: int = 0) -> dict[str, Any]:
    """A valid document as `generate` makes, its text from the word-frequency model.

    Descriptions average ~450 characters and summaries ~120, so that ESCO's count of
    expectations makes a file of ESCO's size (~59 MB).
    """
    return generate(expectations, seed, text=lambda rng, length: paragraph(rng, length * 6 // 5))


if __name__ == "__main__":
    import json

    json.dump(generate_real(int(sys.argv[1]) if sys.argv[1:] else ESCO_EXPECTATIONS), sys.stdout)
