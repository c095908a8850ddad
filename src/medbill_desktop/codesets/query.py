"""What a person typed into a code search, taken apart.

"E11.6", "e116" and "E11" are code prefixes; "type 2 diab kidney" is four word prefixes, all required;
"E11 kidney" is both. Only the first token can be the code: "vitamin b12" is two words. A single letter
on its own is taken as the start of a code (no word worth finding is one letter long, and the next
keystroke settles it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from medbill_desktop.codesets.model import CodeSet

_APOSTROPHES = re.compile(r"['’]")
_WORD_SPLIT = re.compile(r"[^\w]+|_")
_ICD_CODE = re.compile(r"^[A-Z](\d[0-9A-Z]{0,6})?$")
_ICD_DOTTED = re.compile(r"^[A-Z]\d[0-9A-Z]\.[0-9A-Z]{0,4}$")

# Per set, what a whole code looks like (for checking a code typed in full).
CODE_FORMATS: dict[CodeSet, re.Pattern[str]] = {
    CodeSet.ICD10: re.compile(r"^[A-Z]\d[0-9A-Z]([0-9A-Z]{1,4})?$"),
    CodeSet.HCPCS: re.compile(r"^[A-V]\d{4}$"),
    CodeSet.CPT: re.compile(r"^(\d{5}|\d{4}[FTU])$"),
    CodeSet.POS: re.compile(r"^\d{2}$"),
    CodeSet.MODIFIER: re.compile(r"^[0-9A-Z]{2}$"),
    CodeSet.CARC: re.compile(r"^[A-Z]?\d{1,3}$"),
    CodeSet.RARC: re.compile(r"^(M|N|MA)\d{1,4}$"),
    CodeSet.GROUP: re.compile(r"^(CO|CR|OA|PI|PR)$"),
}


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    code_prefix: str  # upper case, no dot; "" when the query does not start with a code
    words: tuple[str, ...]  # lower-case word prefixes, every one required
    loose: tuple[str, ...] = ()  # code-looking tokens after the first: a code or a word ("b12")

    @property
    def empty(self) -> bool:
        return not (self.code_prefix or self.words or self.loose)

    def as_words(self) -> ParsedQuery:
        """The same query with its code prefix read as a word ("B12" when no code starts so)."""
        first = (self.code_prefix.lower(),) if self.code_prefix else ()
        return ParsedQuery("", (), first + self.loose + self.words)


def fold(text: str) -> str:
    """Lower case, accents dropped, apostrophes dropped ("Alzheimer's" -> "alzheimers")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", plain).lower()


def words_of(text: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD_SPLIT.split(fold(text)) if w)


def _icd_code_token(token: str) -> str | None:
    upper = token.upper().rstrip(".")
    if "." in upper:
        return upper.replace(".", "") if _ICD_DOTTED.match(upper) else None
    return upper if _ICD_CODE.match(upper) else None


def parse_icd10(text: str) -> ParsedQuery:
    tokens = fold(text).split()
    if not tokens:
        return ParsedQuery("", ())
    code = _icd_code_token(tokens[0])
    if code is not None and len(code) == 1 and len(tokens) > 1:
        code = None  # "e coli": a word, not chapter E
    rest = tokens[1:] if code else tokens
    words: list[str] = []
    loose: list[str] = []
    for token in rest:
        bare = _icd_code_token(token)
        if bare is not None and len(bare) > 1:
            loose.append(bare.lower())
        else:
            words.extend(words_of(token))
    return ParsedQuery(code or "", tuple(words), tuple(loose))


def parse_small(text: str) -> ParsedQuery:
    """For HCPCS, CPT, POS, modifiers and the remittance codes: every token may be the start of a code
    or of a word; the first one is also tried as a code for ordering."""
    tokens = [t for t in re.split(r"[\s,;]+", fold(text)) if t]
    if not tokens:
        return ParsedQuery("", ())
    first = tokens[0].upper().replace(".", "").replace("-", "")
    code = first if first.isalnum() else ""
    loose = tuple(w for t in tokens for w in words_of(t))
    return ParsedQuery(code, (), loose)


def normalize_code(code: str) -> str:
    """A code as stored: upper case, no dot, no spaces."""
    return code.strip().replace(".", "").replace(" ", "").upper()


def is_valid_format(set_name: CodeSet, code: str) -> bool:
    return bool(CODE_FORMATS[set_name].match(normalize_code(code)))


def is_cpt_code(code: str) -> bool:
    """Five characters: five digits (Category I), or four digits and F (II), T (III) or U (PLA)."""
    return bool(CODE_FORMATS[CodeSet.CPT].match(code.strip().upper()))
