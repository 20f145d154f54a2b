"""How long documents may be kept, and their destruction (C. trav. R6313-7).

Documents prepared for the bilan are destroyed at the end of the action. The exceptions are
the synthesis and the documents the beneficiary agreed in writing to keep
(:attr:`Document.kept_with_consent_on <bilan_core.Document.kept_with_consent_on>`): they are
kept at most a number of years from the end of the action, the
:data:`~bilan_core.facts.parameters.RETENTION_YEARS` in force at the evaluation date (1 year
from 2019, 3 years from 2023-12-31, décret n° 2023-1350). The end of the action is
:attr:`Bilan.end_date <bilan_core.Bilan.end_date>`: the Europe/Paris day the last session of
the three phases ends.

A destroyed document stays in the bilan as a *tombstone*: its id, kind and dates, the day it
was destroyed, and no content.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import pendulum

from bilan_core._arguments import as_day
from bilan_core.documents import Document
from bilan_core.errors import InvalidValue
from bilan_core.facts import end_of_action, is_retention_exception, kept_until
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan

__all__ = ["destroy_documents", "destruction_date"]


def destruction_date(bilan: Bilan, document: Document | str, on: dt.date) -> pendulum.Date | None:
    """The day a document is due for destruction, under the text in force on ``on``.

    The end of the action for an ordinary document; for the synthesis and documents kept
    with the beneficiary's written consent, the end plus the retention period in force on
    ``on`` (1 year before 2023-12-31, 3 years since). Keeping a document after that day
    breaks BC-DOCUMENT-RETENTION (since 2023-12-31, an ordinary document kept within 3 years
    is only a warning: see the rule).

    Args:
        bilan: the bilan.
        document: the document or its id.
        on: the evaluation date (a date, or an aware datetime: its Paris day).

    Returns:
        The day, or ``None`` while the bilan has no session to end it.

    Raises:
        InvalidValue: an unknown document id.
        TypeError: ``on`` is not a date or a datetime.

    >>> from bilan_core.confidentiality import destroy_documents, destruction_date
    >>> bilan = bc.example_bilan("cpf")
    >>> destruction_date(bilan, "d-synthesis", on=pendulum.date(2026, 6, 1))
    Date(2029, 5, 19)
    >>> destruction_date(bilan, "d-synthesis", on=pendulum.date(2023, 6, 1))
    Date(2027, 5, 19)
    >>> destruction_date(bilan, "d-tests", on=pendulum.date(2026, 6, 1))
    Date(2026, 5, 19)
    """
    day = as_day(on)
    found = bilan.document(document) if isinstance(document, str) else document
    if found is None:
        raise InvalidValue(
            Text(
                fr="aucun document de ce bilan n'a cet id",
                en="no document of this bilan has this id",
            )
        )
    end = end_of_action(bilan)
    if end is None:
        return None
    if not is_retention_exception(found):
        return end
    return kept_until(end, day)[0]


def destroy_documents(bilan: Bilan, at: dt.date) -> Bilan:
    """Destroy every document due for destruction on ``at``: a tombstone is left.

    A document is due when its :func:`destruction_date` (judged on ``at``) is ``at`` or
    earlier. It keeps its id, kind and dates, loses its text and synthesis, and records
    ``destroyed_on``. Documents already destroyed are left as they are.

    Args:
        bilan: the bilan (not modified).
        at: the day of destruction (a date, or an aware datetime: its Paris day).

    Returns:
        A new bilan (the same object when nothing is due).

    >>> from bilan_core.confidentiality import destroy_documents, destruction_date
    >>> bilan = bc.example_bilan("cpf")
    >>> later = destroy_documents(bilan, pendulum.date(2029, 5, 20))
    >>> [(d.id, d.destroyed_on, d.has_content) for d in later.documents][2:]
    [('d-results', Date(2029, 5, 20), False), ('d-synthesis', Date(2029, 5, 20), False)]
    """
    day = as_day(at, "at")
    documents = []
    changed = False
    for document in bilan.documents:
        due = None if document.is_destroyed else destruction_date(bilan, document, day)
        if due is not None and due <= day:
            document = attrs.evolve(document, text=None, synthesis=None, destroyed_on=day)  # noqa: PLW2901 - the tombstone replaces it
            changed = True
        documents.append(document)
    return attrs.evolve(bilan, documents=tuple(documents)) if changed else bilan
