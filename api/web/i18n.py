"""Labels and messages in Russian and Kazakh, from one catalogue per page module.

Each module of :mod:`api.web.messages` holds ``MESSAGES = {key: {"ru": …, "kk": …}}``; a key is
unique across modules (prefix it with the page: ``"act.editions"``).  :func:`t` formats a message
with ``str.format`` fields.  A missing key or language is a ``KeyError`` in the tests
(tests/test_web_i18n.py checks every key has both languages), never a silent English string.

Dates are written дд.мм.гггг in both languages; the parser of dates accepts дд.мм.гггг and
ISO ``yyyy-mm-dd``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date
from functools import cache

LANGS = ("ru", "kk")
DEFAULT_LANG = "ru"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message of every module, merged (a key defined twice is an error)."""
    from . import messages

    out: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(messages.__path__):
        mod = importlib.import_module(f"{messages.__name__}.{info.name}")
        for key, texts in getattr(mod, "MESSAGES", {}).items():
            if key in out:
                raise ValueError(f"message {key!r} is defined twice (second time in {mod.__name__})")
            out[key] = texts
    return out


def t(key: str, lang: str, **fields: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``fields``.

    >>> t("nav.search", "kk")
    'Іздеу'
    """
    text = catalogue()[key][lang]
    return text.format(**fields) if fields else text


def pick_lang(value: str | None) -> str | None:
    """``"kk"``/``"ru"`` from a query value, a cookie or an Accept-Language header, else None.

    >>> pick_lang("kk-KZ,kk;q=0.9,ru;q=0.8"), pick_lang("en-US"), pick_lang("ru")
    ('kk', None, 'ru')
    """
    if not value:
        return None
    for part in value.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return code
    return None


_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: str | None) -> str | None:
    """дд.мм.гггг or yyyy-mm-dd → ISO; ``ValueError`` for anything else (a page shows it).

    >>> parse_date("24.11.2026"), parse_date("2026-11-24"), parse_date("")
    ('2026-11-24', '2026-11-24', None)
    """
    if not value:
        return None
    value = value.strip()
    m = _DMY.match(value)
    if m:
        d, mo, y = (int(x) for x in m.groups())
    else:
        m = _ISO.match(value)
        if not m:
            raise ValueError(value)
        y, mo, d = (int(x) for x in m.groups())
    return date(y, mo, d).isoformat()


def fmt_date(iso: str | None) -> str:
    """ISO → дд.мм.гггг (the format both languages use in legal texts).

    >>> fmt_date("2026-11-24"), fmt_date(None)
    ('24.11.2026', '')
    """
    if not iso:
        return ""
    y, m, d = str(iso)[:10].split("-")
    return f"{d}.{m}.{y}"
