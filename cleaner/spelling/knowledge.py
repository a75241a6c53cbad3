"""What counts as a known word beyond the word lists: possessives, British
spellings, words made with a productive prefix, and early modern spellings of
known words (which are never misreadings, only older forms)."""
from __future__ import annotations

from functools import lru_cache

from cleaner.context import LONGEST_WORD
from cleaner.spelling.lexicon import get_lexicon


def known_word(lex, lower: str) -> bool:
    lower = lower.replace("’", "'")
    return listed(lex, lower) or derived(lex, lower)


def listed(lex, lower: str) -> bool:
    if lex.is_known(lower):
        return True
    if lower.endswith("'s") and lex.is_known(lower[:-2]):
        return True
    # British spellings of words the (American-leaning) lists know: -ise, -our, -re.
    for british, american in (("is", "iz"), ("our", "or"), ("tre", "ter"), ("yse", "yze")):
        if british in lower and lex.is_known(lower.replace(british, american)):
            return True
    return False


# Prefixes that make new words from any word ("redistributors", "unskilful"). The
# rest must be a listed word of five letters or more, so that a merge such as
# "overthe" or "rehim" stays unknown. Measured on TUNE (SPL801, SPL803, SEG85x):
# 6 fewer findings on correct words, 1 fewer on errors; on gold text 8 fewer.
DERIVING_PREFIXES = ("re", "un", "non", "pre", "mis", "over", "under", "out", "counter", "anti", "semi", "sub",
                     "super", "inter", "multi", "dis")
DERIVED_MIN_REST = 5


def derived(lex, lower: str) -> bool:
    for prefix in DERIVING_PREFIXES:
        if lower.startswith(prefix):
            rest = lower[len(prefix):].lstrip("-")
            if len(rest) >= DERIVED_MIN_REST and listed(lex, rest):
                return True
    return False


def archaic_variant(lex, lower: str) -> bool:
    """Early modern spellings of known words (owne, himselfe, dayes,
    controversie, vpon, enioyed, marryed): correct in their period, so they
    are never more than an info finding and never fixed automatically."""
    if len(lower) > LONGEST_WORD:
        return False  # one form per letter, each as long as the word
    forms = []
    if lower.endswith("e"):
        forms.append(lower[:-1])
    if lower.endswith("es"):
        forms.append(lower[:-2] + "s")
    if lower.endswith("ie"):
        forms.append(lower[:-2] + "y")
    if "yed" in lower:
        forms.append(lower.replace("yed", "ied"))
    forms += [lower.replace("v", "u"), lower.replace("u", "v"), lower.replace("i", "j")]
    if "ee" in lower:
        forms.append(lower.replace("ee", "e"))
    if len(lower) >= 5:  # entred, threatned
        forms += [lower[:i] + "e" + lower[i:] for i in range(2, len(lower))]
    return any(f != lower and lex.is_known(f) for f in forms)


# Spelling changes between early modern and present-day English (maister,
# commaunded, countrey, noyse, comming, theeves, foorth, perswaded, loveth).
# Used only to judge a whole document: too loose to excuse a single word.
OLD_SPELLINGS = (
    ("y", "i"), ("ai", "a"), ("au", "a"), ("ey", "y"), ("ck", "c"), ("ck", "k"), ("ck", "ch"),
    ("kt", "ked"), ("ee", "ie"), ("ee", "ea"), ("ea", "e"), ("ea", "ee"), ("oo", "o"), ("sw", "su"),
    ("eth", "s"), ("eth", "es"), ("est", ""), ("ie", "ei"), ("ei", "ai"), ("ai", "e"), ("i", "y"),
    ("u", "v"), ("v", "u"), ("i", "j"), ("ou", "o"), ("ll", "l"), ("tt", "t"), ("ss", "s"),
    ("mm", "m"), ("nn", "n"), ("rr", "r"), ("pp", "p"), ("dd", "d"), ("gg", "g"),
    ("s", "ss"), ("l", "ll"), ("im", "em"), ("in", "en"), ("ies", "ys"), ("e", "ea"),
)


@lru_cache(maxsize=65536)
def old_spelling(lower: str) -> bool:
    """A known word written in an older spelling, by one or two of the changes
    above plus a dropped final e (stomacke, absteine, runne)."""
    if len(lower) > LONGEST_WORD:
        return False  # two changes deep: the square of the length in forms ("eeee...": 5.7 million for 800)
    lex = get_lexicon()

    def steps(word: str):
        for old, new in OLD_SPELLINGS:
            at = word.find(old)
            while at >= 0:
                yield word[:at] + new + word[at + len(old):]
                at = word.find(old, at + 1)

    def known(word: str) -> bool:
        return word != lower and len(word) >= 3 and (
            lex.is_known(word) or word.endswith("e") and lex.is_known(word[:-1]))

    if known(lower) or archaic_variant(lex, lower):
        return True
    first = set(steps(lower))
    return any(known(w) for w in first) or any(known(w2) for w in first for w2 in steps(w))

