# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The keys under which two spellings of one customer meet (pure Python, no ORM).

Each function returns the key of a value, or ``False`` when the value says nothing that could
tell a customer apart (empty, a free mail provider, a phone number too short ...): ``False`` keys
are never compared.
"""

import re
import unicodedata
from urllib.parse import urlsplit

# Legal forms at the end of a name, longest first so that 股份有限公司 is not cut as 公司.
LEGAL_SUFFIXES = sorted(
    {
        "co",
        "company",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "llc",
        "plc",
        "gmbh",
        "有限公司",
        "股份有限公司",
        "有限責任公司",
        "有限责任公司",
        "股份公司",
        "公司",
    },
    key=len,
    reverse=True,
)
# Mail providers anyone can sign up with: their domain says nothing about the customer.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.com.tw",
        "yahoo.com.hk",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "web.de",
        "mail.ru",
        "yandex.ru",
        "qq.com",
        "foxmail.com",
        "163.com",
        "126.com",
        "yeah.net",
        "sina.com",
        "sohu.com",
        "aliyun.com",
        "msa.hinet.net",
    }
)
# Sites that host many companies' pages: their domain says nothing about the customer either.
SHARED_WEBSITE_DOMAINS = frozenset(
    {"facebook.com", "linkedin.com", "instagram.com", "twitter.com", "x.com", "youtube.com", "google.com"}
)
# The last digits compared: the national number without country code or trunk prefix is at
# least 8 digits in the markets this addon serves (Taiwan, China, most of Europe, the Americas).
PHONE_DIGITS = 8
PHONE_EXTENSION = re.compile(r"(ext\.?|extension|x|#|轉|分機).*$", re.IGNORECASE)


def _folded(value):
    """Same letters whatever the width (ＡＢＣ, ABC) and case."""
    return unicodedata.normalize("NFKC", value or "").casefold()


def name_key(name):
    """The name without case, width, punctuation, spaces and trailing legal forms:
    "Alpha Outdoor Co., Ltd." and "ALPHA-OUTDOOR LIMITED" are both "alphaoutdoor"."""
    words = re.sub(r"[\W_]+", " ", _folded(name)).split()
    text = " ".join(words)
    stripped = True
    while stripped:
        stripped = False
        for suffix in LEGAL_SUFFIXES:
            # Latin forms are whole words ("Taco" keeps its "co"); CJK ones are written joined.
            cut = len(suffix) + (1 if suffix.isascii() else 0)
            tail = f" {suffix}" if suffix.isascii() else suffix
            if text.endswith(tail) and len(text) > cut:
                text = text[:-cut].rstrip()
                stripped = True
                break
    return text.replace(" ", "") or False


def vat_key(vat):
    return re.sub(r"[^0-9a-z]", "", _folded(vat)).upper() or False


def email_domain_key(email):
    """The domain of the first address, unless it is a free mail provider's."""
    match = re.search(r"@([\w.-]+)", _folded(email))
    domain = match and match.group(1).strip(".")
    return domain if domain and domain not in FREE_MAIL_DOMAINS else False


def website_domain_key(website):
    """The host without scheme, "www.", port or path: "https://www.alpha.com/en" is "alpha.com"."""
    text = _folded(website).strip()
    if not text:
        return False
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    host = host.removeprefix("www.").strip(".")
    return host if host and host not in SHARED_WEBSITE_DOMAINS else False


def phone_key(phone):
    """The last 8 digits, extension left out: "+886 2 2345-6789" and "(02) 2345 6789" meet
    whatever the country code or trunk prefix. Shorter numbers are not compared."""
    digits = re.sub(r"\D", "", PHONE_EXTENSION.sub("", _folded(phone)))
    return digits[-PHONE_DIGITS:] if len(digits) >= PHONE_DIGITS else False
