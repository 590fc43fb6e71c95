"""Regular-expression detectors for identifiers with a recognisable shape.

Each detector yields :class:`~thematica.deid.model.Finding` objects whose span covers the identifier
only (a keyword such as ``MRN`` or ``aged`` that announced it is not part of the span). Detectors run
on the whole canonical text; their matches may overlap each other and the NER entities, which
:func:`thematica.deid.scan.scan_text` resolves.

Kinds found here: ``email``, ``url``, ``phone``, ``record_number`` (medical record, account, social
security and other long ID strings), ``address`` (street addresses and PO boxes), ``postcode`` (US ZIP
codes next to a state or the word ZIP, ZIP+4, UK and Canadian postcodes), ``location`` (the city of a
``City, ST 12345`` address line), ``age`` (exact ages over 89, HIPAA Safe Harbor) and ``date``
(calendar dates with a day or a year, not weekdays or durations).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from thematica.deid.model import Finding

#: Month names and their usual abbreviations (``Sept`` included); ``May`` needs a day or year to count.
MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_ORDINAL_WORDS = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
    r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
    r"|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[- ]first)"
)

#: USPS Publication 28 street suffixes (full names), their common abbreviations follow below.
STREET_SUFFIXES = (
    "Alley Annex Arcade Avenue Bayou Beach Bend Bluff Bluffs Bottom Boulevard Branch Bridge Brook Brooks "
    "Burg Burgs Bypass Camp Canyon Cape Causeway Center Centers Circle Circles Cliff Cliffs Close Club "
    "Common Commons Corner Corners Course Court Courts Cove Coves Creek Crescent Crest Crossing Crossroad "
    "Crossroads Curve Dale Dam Divide Drive Drives Estate Estates Expressway Extension Extensions Fall "
    "Falls Ferry Field Fields Flat Flats Ford Fords Forest Forge Forges Fork Forks Fort Freeway Garden "
    "Gardens Gateway Glen Glens Green Greens Grove Groves Harbor Harbors Haven Heights Highway Hill Hills "
    "Hollow Inlet Island Islands Isle Junction Junctions Key Keys Knoll Knolls Lake Lakes Land Landing "
    "Lane Light Lights Loaf Lock Locks Lodge Loop Mall Manor Manors Meadow Meadows Mews Mill Mills "
    "Mission Motorway Mount Mountain Mountains Neck Orchard Oval Overpass Park Parks Parkway Parkways "
    "Pass Passage Path Pike Pine Pines Place Plain Plains Plaza Point Points Port Ports Prairie Radial "
    "Ramp Ranch Rapid Rapids Rest Ridge Ridges River Road Roads Route Row Rue Run Shoal Shoals Shore "
    "Shores Skyway Spring Springs Spur Spurs Square Squares Station Stravenue Stream Street Streets "
    "Summit Terrace Throughway Trace Track Trafficway Trail Tunnel Turnpike Underpass Union Unions Valley "
    "Valleys Via Viaduct View Views Village Villages Ville Vista Walk Walks Wall Way Ways Well Wells"
).split()
STREET_ABBREVIATIONS = (
    "Aly Ave Av Blvd Br Brg Byp Cir Ct Cres Cswy Ctr Cv Dr Expy Fwy Gdns Hts Hwy Jct Ln Lp Mnr Pkwy Pl "
    "Plz Pt Rd Rte Sq St Ste Ter Trl Tpke Xing"
).split()
#: US state and territory abbreviations (a ZIP code next to one is a postcode).
US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI AA AE AP FM MH PW"
).split()

_SUFFIX = "(?:" + "|".join(sorted(STREET_SUFFIXES + STREET_ABBREVIATIONS, key=len, reverse=True)) + ")"
_UNIT = r"(?:,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Room|Rm\.?|Floor|Fl\.?|#)\s*#?[A-Za-z0-9-]{1,6})"

_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![\w-])")
_URL = re.compile(
    r"(?<![\w@/.-])(?:(?:https?|ftp)://|www\.)[^\s<>\"'()\[\]]+"
    r"|(?<![\w@/.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?:com|org|net|edu|gov|mil|int|info|biz|io|co|us|uk|ca|au|nz|ie|de|fr|nl|es|it|eu|health|care"
    r"|clinic|app|me|ly|ai|tv|online|site)(?:\.[a-z]{2})?(?::\d{2,5})?(?:/[^\s<>\"'()\[\]]*)?(?![\w@-])",
    re.IGNORECASE,
)
_TRAILING_PUNCT = ".,;:!?'\")]}"

_PHONE_NA = re.compile(
    r"(?<![\w+/.-])(?:(?:\+1|001|1)[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\w/-])",
    re.IGNORECASE,
)
_PHONE_INTL = re.compile(r"(?<![\w+/.-])\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,5}(?![\w/-])")
_PHONE_NATIONAL = re.compile(r"(?<![\w+/.-])\(?0\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w/-])")
_PHONE_LOCAL = re.compile(r"(?<![\w+/.$-])\d{3}[-.]\d{4}(?![\w/.-]|\.\d)")
_PHONE_BARE = re.compile(r"(?<![\w+/.$€£-])(?:1)?[2-9]\d{9}(?![\w/-])")

_RECORD_KEYWORD = re.compile(
    r"(?<![\w-])(?:MRN|medical[ -]record(?:[ -](?:number|no\.?|num\.?|#))?|record[ -](?:number|no\.?|#)"
    r"|patient[ -](?:ID|number|no\.?|#)|chart[ -](?:number|no\.?|#)|account[ -](?:number|no\.?|#)"
    r"|acct\.?|case[ -](?:number|no\.?|#)|member[ -](?:ID|number|#)|policy[ -](?:number|no\.?|#)"
    r"|insurance[ -](?:ID|number|#)|SSN|social[ -]security(?:[ -]number)?|NHS[ -]number|NI[ -]number"
    r"|national[ -]insurance(?:[ -]number)?|license[ -](?:number|no\.?|#)|licence[ -](?:number|no\.?|#)"
    r"|passport(?:[ -](?:number|no\.?|#))?|ID(?:[ -](?:number|no\.?|#))?|identification[ -]number)"
    r"(?:\s+(?:is|was|number|no\.?))?\s*[:#]?\s*"
    r"(?P<value>[A-Za-z]{0,4}[-\s]?\d[\dA-Za-z]*(?:[-\s/.]\d[\dA-Za-z]*)*)",
    re.IGNORECASE,
)
_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_LONG_NUMBER = re.compile(r"(?<![\w$€£.,-])\d{6,}(?![\w-]|[.,]\d)")
_ALNUM_ID = re.compile(
    r"(?<![\w-])(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){4})[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])"
)

_ADDRESS = re.compile(
    r"(?<![\w-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+"
    r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    r"(?:(?:[A-Z][A-Za-z'.-]*|\d{1,3}(?:st|nd|rd|th))\s+){1,4}"
    + _SUFFIX
    + r"\b\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?"
    + _UNIT
    + r"?"
)
_PO_BOX = re.compile(r"(?<![\w-])P\.?\s?O\.?\s+Box\s+\d{1,6}(?![\w-])", re.IGNORECASE)

_ZIP_AFTER_STATE = re.compile(
    r"(?<![\w-])(?:" + "|".join(US_STATES) + r"),?\s+(?P<value>\d{5}(?:-\d{4})?)(?![\w-])"
)
_CITY_STATE_ZIP = re.compile(
    r"(?<![\w-])(?P<value>(?:[A-Z][A-Za-z'.-]+\s+){0,2}[A-Z][A-Za-z'.-]+),\s+(?:"
    + "|".join(US_STATES)
    + r")\s+\d{5}(?:-\d{4})?(?![\w-])"
)
_ZIP_KEYWORD = re.compile(
    r"(?<![\w-])(?:zip|zipcode|postcode|postal code)(?:\s+code)?(?:\s+(?:is|was))?\s*[:#]?\s*"
    r"(?P<value>\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)(?![\w-])",
    re.IGNORECASE,
)
_ZIP4 = re.compile(r"(?<![\w-])\d{5}-\d{4}(?![\w-])")
_UK_POSTCODE = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}(?![\w-])")
_CA_POSTCODE = re.compile(
    r"(?<![\w-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d(?![\w-])"
)

_AGE_NUMBER = r"(?P<value>9\d|1[01]\d)"
_AGE_WORDS = (
    r"(?P<value>(?:ninety|a hundred|one hundred)(?:(?:[\s-]|\s+and\s+)"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?)"
)
_AGES = [
    re.compile(
        rf"(?<![\w.,-]){_AGE_NUMBER}(?:\s*-\s*|\s+)(?:years?|yrs?)(?:\s*-\s*|\s+)old\b", re.IGNORECASE
    ),
    re.compile(rf"(?<![\w.,-]){_AGE_NUMBER}\s*-?\s*(?:y/?o|yo)\b", re.IGNORECASE),
    re.compile(rf"\b(?:aged?|age of|age:)\s*{_AGE_NUMBER}(?![\w%]|[.,]\d|\s*(?:%|percent))", re.IGNORECASE),
    re.compile(
        rf"\b(?:I'm|I am|he's|she's|he is|she is|they're|they are|turned|turning|turns)\s+{_AGE_NUMBER}"
        r"(?![\w%]|[.,]\d|\s*(?:%|percent|minutes|times|pounds|kilos|kg|lbs?|miles|dollars))",
        re.IGNORECASE,
    ),
    re.compile(rf"\b{_AGE_WORDS}(?:\s*-\s*|\s+)years?(?:\s*-\s*|\s+)old\b", re.IGNORECASE),
    re.compile(rf"\b(?:aged?|age of|turned|turning)\s+{_AGE_WORDS}\b(?!\s*(?:percent|%))", re.IGNORECASE),
]

_DATES = [
    # 2019-03-14, 2019/3/14
    re.compile(rf"(?<![\w/.-]){_YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?![\w/-])"),
    # 03/14/2019, 14.03.19, 3-14-2019
    re.compile(
        r"(?<![\w/.-])(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|[12]\d|3[01])\1(?:\d{4}|\d{2})(?![\w/-])"
    ),
    # 03/14 (month/day with a slash only)
    re.compile(r"(?<![\w/.-])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\w/-]|\.\d)"),
    # March 14, March 14th, 2019, Mar. 14 2019, March 2019
    re.compile(rf"\b{MONTHS}\.?\s+(?:{_DAY}(?:,?\s+{_YEAR})?|{_YEAR})\b"),
    # 14 March 2019, 14th of March, the third of March
    re.compile(rf"\b(?:{_DAY}|{_ORDINAL_WORDS})\s+(?:of\s+)?{MONTHS}\b\.?(?:,?\s+{_YEAR})?", re.IGNORECASE),
    # March the third, March third
    re.compile(rf"\b{MONTHS}\s+(?:the\s+)?{_ORDINAL_WORDS}\b(?:,?\s+{_YEAR})?"),
]


def _value_span(match: re.Match) -> tuple[int, int]:
    """The span of the ``value`` group if the pattern has one, else of the whole match."""
    if "value" in match.re.groupindex and match.group("value") is not None:
        return match.span("value")
    return match.span()


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _emails(text: str) -> Iterator[Finding]:
    for match in _EMAIL.finditer(text):
        yield Finding(match.start(), match.end(), "email", "pattern:email")


def _urls(text: str) -> Iterator[Finding]:
    for match in _URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING_PUNCT:
            end -= 1
        if end > start:
            yield Finding(start, end, "url", "pattern:url")


def _phones(text: str) -> Iterator[Finding]:
    for regex, low, high in (
        (_PHONE_NA, 10, 20),
        (_PHONE_INTL, 8, 15),
        (_PHONE_NATIONAL, 10, 11),
        (_PHONE_LOCAL, 7, 7),
        (_PHONE_BARE, 10, 11),
    ):
        for match in regex.finditer(text):
            if low <= _digits(match.group()) <= high:
                yield Finding(match.start(), match.end(), "phone", "pattern:phone")


def _record_numbers(text: str) -> Iterator[Finding]:
    for match in _RECORD_KEYWORD.finditer(text):
        start, end = match.span("value")
        value = text[start:end].rstrip(" -/.")
        if _digits(value) >= 4:
            yield Finding(start, start + len(value), "record_number", "pattern:record_keyword")
    for regex, name in ((_SSN, "ssn"), (_LONG_NUMBER, "long_number")):
        for match in regex.finditer(text):
            yield Finding(match.start(), match.end(), "record_number", f"pattern:{name}")
    for match in _ALNUM_ID.finditer(text):
        token = match.group()
        # "AB123456", "x7q49201", "123456AB" -- not "1000mg" (a number with a lower-case unit)
        if len(token) >= 6 and (token[0].isalpha() or any(ch.isupper() for ch in token)):
            yield Finding(match.start(), match.end(), "record_number", "pattern:alphanumeric_id")


def _addresses(text: str) -> Iterator[Finding]:
    for regex in (_ADDRESS, _PO_BOX):
        for match in regex.finditer(text):
            yield Finding(match.start(), match.end(), "address", "pattern:address")


def _postcodes(text: str) -> Iterator[Finding]:
    for regex in (_ZIP_AFTER_STATE, _ZIP_KEYWORD, _ZIP4, _UK_POSTCODE, _CA_POSTCODE):
        for match in regex.finditer(text):
            start, end = _value_span(match)
            yield Finding(start, end, "postcode", "pattern:postcode")


def _cities(text: str) -> Iterator[Finding]:
    for match in _CITY_STATE_ZIP.finditer(text):
        start, end = match.span("value")
        yield Finding(start, end, "location", "pattern:city_state_zip")


def _ages(text: str) -> Iterator[Finding]:
    for regex in _AGES:
        for match in regex.finditer(text):
            start, end = _value_span(match)
            yield Finding(start, end, "age", "pattern:age")


def _dates(text: str) -> Iterator[Finding]:
    for regex in _DATES:
        for match in regex.finditer(text):
            yield Finding(match.start(), match.end(), "date", "pattern:date")


#: Detector per kind, in the order they run.
DETECTORS = {
    "email": _emails,
    "url": _urls,
    "phone": _phones,
    "record_number": _record_numbers,
    "address": _addresses,
    "postcode": _postcodes,
    "location": _cities,
    "age": _ages,
    "date": _dates,
}


def find_patterns(text: str) -> list[Finding]:
    """Run every pattern detector over ``text``.

    Parameters
    ----------
    text
        Canonical text, shape ``(n_chars,)`` as a str.

    Returns
    -------
    list of Finding
        Possibly overlapping findings, sorted by ``(start, end, kind)``.

    Examples
    --------
    >>> [(f.kind, "Call 617-555-0134 or mail a.b@example.org"[f.start:f.end])
    ...  for f in find_patterns("Call 617-555-0134 or mail a.b@example.org")]
    [('phone', '617-555-0134'), ('email', 'a.b@example.org')]
    >>> [(f.kind, "my MRN is 00482917."[f.start:f.end]) for f in find_patterns("my MRN is 00482917.")]
    [('record_number', '00482917')]
    """
    found = sorted(
        (finding for detector in DETECTORS.values() for finding in detector(text)),
        key=lambda f: (f.start, f.end, f.kind, f.detector),
    )
    unique: dict[tuple[int, int, str], Finding] = {}
    for finding in found:
        unique.setdefault((finding.start, finding.end, finding.kind), finding)
    return list(unique.values())
