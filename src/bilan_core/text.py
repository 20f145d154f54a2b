"""Bilingual text: every message bilan-core shows exists in French and English.

A :class:`Text` holds both languages. Findings, disclosure decisions, refused phase events,
load errors, deadlines and the command line all carry their messages as a :class:`Text`, and
every JSON output writes one as ``{"fr": "…", "en": "…"}``. ``str(text)`` is the English
(Python's own messages are English); :meth:`Text.get` picks a language.

>>> message = Text(fr="24 h 30 prévues ; au plus 24 h", en="24 h 30 min planned; at most 24 h")
>>> message.get("fr")
'24 h 30 prévues ; au plus 24 h'
>>> str(message)
'24 h 30 min planned; at most 24 h'
>>> message.to_dict()
{'fr': '24 h 30 prévues ; au plus 24 h', 'en': '24 h 30 min planned; at most 24 h'}
"""

from __future__ import annotations

from typing import Final, Literal, get_args

import attrs

__all__ = ["LANGUAGES", "Lang", "Text", "check_lang"]

Lang = Literal["fr", "en"]
"""A language of the library's messages: ``"fr"`` or ``"en"``."""

LANGUAGES: Final[tuple[Lang, ...]] = get_args(Lang)
"""The languages of every message, French first (the language of the law)."""


def check_lang(lang: object) -> Lang:
    """``lang`` itself when it is ``"fr"`` or ``"en"``.

    Raises:
        ValueError: any other value.
    """
    if lang == "fr":
        return "fr"
    if lang == "en":
        return "en"
    raise ValueError(f"lang is 'fr' or 'en', not {lang!r}")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"a message is a str, not {type(value).__name__}")
    return value


@attrs.frozen
class Text:
    """A message in French and English.

    Attributes:
        fr: the French.
        en: the English.
    """

    fr: str = attrs.field(converter=_text)
    en: str = attrs.field(converter=_text)

    def get(self, lang: Lang) -> str:
        """The message in ``lang`` (``"fr"`` or ``"en"``).

        Raises:
            ValueError: another language.
        """
        return self.fr if check_lang(lang) == "fr" else self.en

    def __str__(self) -> str:
        return self.en

    def to_dict(self) -> dict[Lang, str]:
        """``{"fr": …, "en": …}``: how every JSON output writes a message."""
        return {"fr": self.fr, "en": self.en}

    def map(self, fr: str, en: str) -> Text:
        """Both languages put into templates: ``{}`` in ``fr`` and ``en`` takes this text.

        >>> Text(fr="refusé", en="refused").map("BC-X : {}", "BC-X: {}")
        Text(fr='BC-X : refusé', en='BC-X: refused')
        """
        return Text(fr=fr.format(self.fr), en=en.format(self.en))

    @classmethod
    def same(cls, value: str) -> Text:
        """A text that reads the same in both languages (an id, a path, a number)."""
        return cls(fr=value, en=value)
