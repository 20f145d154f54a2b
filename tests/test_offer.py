"""The offer model, its wire format (bilan-core-offer/1) and the charter derived from it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import orjson
import pytest

import bilan_core as bc
from bilan_core.offer import (
    AccessDelays,
    AccessRoute,
    ClockRange,
    Delay,
    Duration,
    FollowUpTerms,
    FundingRoute,
    Length,
    Price,
    ResultIndicator,
    ResultKind,
    ResultUnit,
    Schedule,
    TimeUnit,
    Weekday,
)
from bilan_core.policies import STAFF
from bilan_core.policy._offer import charter_values

EXAMPLES = sorted((Path(__file__).parent.parent / "examples" / "offers").glob("*.json"))
OFFER = bc.example_offer()


# -- the wire format ------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_shipped_offers_load_and_round_trip(path: Path) -> None:
    """Every shipped offer loads, passes its JSON Schema, and dumps back to the same JSON."""
    offer = bc.load_offer(path.read_bytes())
    document = json.loads(path.read_bytes())
    jsonschema.validate(document, bc.offer_json_schema())
    assert bc.dump_offer(offer) == document
    assert bc.load_offer(bc.dumps_offer(offer)) == offer


def test_the_shipped_example_is_the_seed_offer() -> None:
    """examples/offers/staff.json is example_offer(), the STAFF brochure transcribed."""
    assert [p.name for p in EXAMPLES] == ["staff.json"]
    assert bc.load_offer(EXAMPLES[0].read_bytes()) == OFFER


def test_dumps_is_deterministic_and_sorted() -> None:
    """Equal offers give equal bytes, keys sorted; a text, a mapping and bytes load alike."""
    first = bc.dumps_offer(OFFER)
    assert first == bc.dumps_offer(bc.load_offer(first))
    assert list(orjson.loads(first)) == sorted(orjson.loads(first))
    assert bc.load_offer(first.decode()) == bc.load_offer(orjson.loads(first)) == OFFER


def _broken(**changes: object) -> dict[str, object]:
    document = bc.dump_offer(OFFER)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target: object = document
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]  # type: ignore[index]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value  # type: ignore[index]
    return document


@pytest.mark.parametrize(
    ("document", "paths"),
    [
        pytest.param(_broken(bogus=1), ["$.bogus"], id="unknown-key"),
        pytest.param(_broken(duration__min_minutes="18h"), ["$.duration.min_minutes"], id="int"),
        pytest.param(_broken(duration__min_minutes=1080.0), ["$.duration.min_minutes"], id="float"),
        pytest.param(_broken(prices=[{"amount": "12,5"}]), ["$.prices[0].amount"], id="money"),
        pytest.param(
            _broken(prices=[{"amount": "١٥٩٠.٠٠"}]), ["$.prices[0].amount"], id="non-ascii-digits"
        ),
        pytest.param(_broken(contacts__0__email="nope"), ["$.contacts[0].email"], id="e-mail"),
        pytest.param(
            _broken(access_routes__0__route="bank"), ["$.access_routes[0].route"], id="enum"
        ),
        pytest.param(
            _broken(information_date="2026-02-30"), ["$.information_date"], id="no-such-day"
        ),
        pytest.param(
            _broken(
                opening_hours={"days": ["monday"], "hours": [{"start": "9:00", "end": "12:00"}]}
            ),
            ["$.opening_hours.hours[0].start"],
            id="clock",
        ),
        pytest.param(
            _broken(
                opening_hours={"days": ["monday"], "hours": [{"start": "12:00", "end": "09:00"}]}
            ),
            ["$.opening_hours.hours[0].end"],
            id="range-backwards",
        ),
        pytest.param(_broken(format="bilan-core/1"), ["$.format"], id="a-bilan-marker"),
        pytest.param(
            _broken(id="o 1", provider=None, bogus=2),
            ["$.id", "$.provider", "$.bogus"],
            id="every-problem-at-once",
        ),
    ],
)
def test_bad_documents_get_paths(document: dict[str, object], paths: list[str]) -> None:
    """A bad offer document is a SerializationError listing each problem at its JSON path."""
    with pytest.raises(bc.SerializationError) as caught:
        bc.load_offer(document)
    assert sorted(path for path, _ in caught.value.errors) == sorted(paths)
    assert caught.value.what == "offer"
    for _, text in caught.value.errors:
        assert text.fr.strip()
        assert text.en.strip()


@pytest.mark.parametrize(
    "data", [b"", b"[1]", b"{", b"null", "{}", b'{"format": "bilan-core-offer/1"}'], ids=repr
)
def test_not_an_offer_at_all(data: bytes | str) -> None:
    with pytest.raises(bc.SerializationError):
        bc.load_offer(data)


def test_a_bilan_is_not_an_offer() -> None:
    with pytest.raises(bc.SerializationError) as caught:
        bc.load_offer(bc.dumps(bc.example_bilan()))
    assert [path for path, _ in caught.value.errors] == ["$.format"]


def test_the_schema_refuses_what_load_refuses() -> None:
    """Single-field mutations that load_offer refuses, the JSON Schema refuses too (not
    ``1080.0`` for an integer: JSON Schema counts it as one, only load_offer refuses it)."""
    schema = bc.offer_json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    for document in (
        _broken(bogus=1),
        _broken(duration__min_minutes="1080"),
        _broken(prices=[{"amount": "12,5"}]),
        _broken(access_routes__0__route="bank"),
        _broken(format="bilan-core/1"),
    ):
        assert not validator.is_valid(document)
    assert schema["$id"] == "urn:bilan-core:schema:bilan-core-offer-1"


# -- the model ------------------------------------------------------------------------------


def test_offers_are_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        OFFER.title = "x"  # type: ignore[misc]
    assert isinstance(OFFER.objectives, tuple)
    assert isinstance(OFFER.audience_statuses, frozenset)
    assert hash(OFFER) == hash(bc.load_offer(bc.dumps_offer(OFFER)))


def test_constructors_raise_the_library_errors() -> None:
    """Wrong values are InvalidValue naming the field, not bare TypeError/ValueError."""
    with pytest.raises(bc.InvalidValue) as caught:
        ResultIndicator(
            kind=ResultKind.SATISFACTION,
            label="x",
            value="96",
            unit=ResultUnit.PERCENT,
            period_end=OFFER.provider.qualiopi.valid_from,  # type: ignore[union-attr]
        )
    assert caught.value.text.en == "period_start and period_end go together"
    with pytest.raises(bc.InvalidValue) as caught:
        attrs.evolve(OFFER, prices=(Price(amount=Decimal("1.00")), Price(amount=Decimal("2.00"))))
    assert caught.value.field == "prices[1].routes"
    with pytest.raises(bc.InvalidValue):
        AccessRoute(route=FundingRoute.SELF_FUNDED, on_working_time=True)
    with pytest.raises(bc.InvalidValue):
        Schedule(days=frozenset(), hours=(ClockRange(start="09:00", end="10:00"),))


def test_price_of_a_route() -> None:
    cpf = Price(amount=Decimal("1800.00"), routes=frozenset({FundingRoute.CPF}))
    general = Price(amount=Decimal("2000.00"))
    offer = attrs.evolve(OFFER, prices=(cpf, general))
    assert offer.price_of(FundingRoute.CPF) is cpf
    assert offer.price_of(FundingRoute.JOB_SEEKER) is general
    assert attrs.evolve(OFFER, prices=(cpf,)).price_of(FundingRoute.JOB_SEEKER) is None
    assert offer.routes == (FundingRoute.CPF, FundingRoute.JOB_SEEKER, FundingRoute.PUBLIC_LEAVE)


# -- the charter from the offer -------------------------------------------------------------


def test_the_staff_offer_gives_the_staff_charter() -> None:
    """A provider describes itself once: its charter is the one its offer promises."""
    assert bc.Policy.from_offer(bc.load_offer(EXAMPLES[0].read_bytes())) == STAFF


def test_an_offer_that_says_nothing_gives_a_charter_that_states_nothing() -> None:
    bare = bc.Offer(id="o1", title="Bilan", provider=OFFER.provider)
    policy = bc.Policy.from_offer(bare)
    assert policy == bc.Policy(name=OFFER.provider.name)
    assert not any(policy.states(rule_id) for rule_id in bc.policy.CHARTER_RULES)


def _months(n: int) -> Length:
    return Length(value=n, unit=TimeUnit.MONTHS)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"duration": Duration(span=Delay(minimum=_months(2), maximum=_months(3)))},
            {"span_min_days": 61, "span_max_days": 92},
            id="months-count-30.5-days-rounded-up",
        ),
        pytest.param(
            {
                "duration": Duration(
                    span=Delay(
                        minimum=Length(value=3, unit=TimeUnit.WEEKS),
                        maximum=Length(value=40, unit=TimeUnit.DAYS),
                        approximate=True,
                    )
                )
            },
            {"span_min_days": 21 - 15, "span_max_days": 40 + 15},
            id="about-weeks-and-days",
        ),
        pytest.param(
            {
                "access_delays": AccessDelays(
                    callback=Delay(maximum=Length(value=2, unit=TimeUnit.WORKING_DAYS))
                )
            },
            {"callback_max_working_hours": 48},
            id="callback-in-working-days",
        ),
        pytest.param(
            {
                "access_delays": AccessDelays(
                    start=Delay(minimum=Length(value=15, unit=TimeUnit.DAYS), maximum=_months(1))
                )
            },
            {"start_delay_max_days": dict.fromkeys(bc.policy.ROUTES, 31)},
            id="start-not-by-funding-the-maximum-everywhere",
        ),
        pytest.param(
            {
                "access_delays": AccessDelays(start=Delay(maximum=_months(1))),
                "access_routes": (
                    AccessRoute(
                        route=FundingRoute.CPF,
                        on_working_time=True,
                        start=Delay(maximum=Length(value=90, unit=TimeUnit.DAYS)),
                    ),
                ),
            },
            {
                "start_delay_max_days": {
                    **dict.fromkeys(bc.policy.ROUTES, 31),
                    "cpf_working_time": 90,
                }
            },
            id="a-route-s-own-start",
        ),
        pytest.param(
            {"follow_up": FollowUpTerms(after=_months(3))},
            {"follow_up_months": 3, "follow_up_tolerance_days": 31},
            id="follow-up",
        ),
        pytest.param(
            {
                "opening_hours": Schedule(
                    days=frozenset({Weekday.SATURDAY}),
                    hours=(ClockRange(start="10:00", end="12:00"),),
                ),
                "closed_on_public_holidays": False,
            },
            {
                "working_weekdays": frozenset({5}),
                "opening_hours": (bc.TimeRange(dt.time(10, 0), dt.time(12, 0)),),
                "closed_on_public_holidays": False,
            },
            id="open-on-holidays-when-it-says-so",
        ),
    ],
)
def test_charter_readings(changes: dict[str, object], expected: dict[str, object]) -> None:
    """Each reading of the offer's words, on an offer that says only that."""
    bare = bc.Offer(id="o1", title="Bilan", provider=OFFER.provider, **changes)  # type: ignore[arg-type]
    values = charter_values(bare)
    assert values == {"name": OFFER.provider.name, **expected}
    bc.Policy.from_offer(bare)  # and the charter accepts them


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        pytest.param(
            {"follow_up": FollowUpTerms(after=Length(value=26, unit=TimeUnit.WEEKS))},
            "$.follow_up.after",
            id="follow-up-in-weeks",
        ),
        pytest.param(
            {
                "access_delays": AccessDelays(
                    start=Delay(maximum=Length(value=10, unit=TimeUnit.WORKING_DAYS))
                )
            },
            "$.access_delays.start.maximum",
            id="start-in-working-days",
        ),
        pytest.param(
            {"access_delays": AccessDelays(callback=Delay(maximum=_months(1)))},
            "$.access_delays.callback.maximum",
            id="callback-in-months",
        ),
    ],
)
def test_charter_refuses_what_it_cannot_read(changes: dict[str, object], path: str) -> None:
    bare = bc.Offer(id="o1", title="Bilan", provider=OFFER.provider, **changes)  # type: ignore[arg-type]
    with pytest.raises(bc.InvalidPolicy) as caught:
        bc.Policy.from_offer(bare)
    assert [p for p, _ in caught.value.errors] == [path]


def test_from_offer_takes_an_offer() -> None:
    with pytest.raises(TypeError, match="Offer"):
        bc.Policy.from_offer(bc.dump_offer(OFFER))  # type: ignore[arg-type]


# -- checking a bilan does not pay for the offer --------------------------------------------


def test_checking_a_bilan_does_not_import_the_offer_model() -> None:
    """The catalogue imports a subject's rule families when that subject is asked for: load,
    validate, timeline and the phase machine on a bilan (and the CLI's validate) leave the
    offer's model unimported (≈ 17 ms of start-up); asking for every rule loads it."""
    import subprocess
    import sys

    code = """
import sys, datetime as dt, bilan_core as bc
on = dt.date(2026, 6, 1)
bilan = bc.load(open("examples/plans/cpf-on-working-time.json", "rb").read())
bc.validate(bilan, on=on, policy=bc.policies.STAFF)
bc.timeline(bilan, on=on)
bc.next_events(bilan, on=on)
bc.rule("BC-DURATION-MAX")
bc.rules(on, subject="bilan")
from bilan_core.cli import main
from bilan_core.samples import example_bilan
before = "bilan_core.offer" in sys.modules
ids = [rule.id for rule in bc.rules()]
print(before, "bilan_core.offer" in sys.modules, ids[-1])
"""
    root = Path(__file__).parent.parent
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.split() == ["False", "True", "OFFER-CPF-EMPLOYER"]


def test_the_catalogue_order_is_the_same_whichever_subject_comes_first() -> None:
    import subprocess
    import sys

    code = """
import datetime as dt, bilan_core as bc
if FIRST == "offer":
    bc.check_offer(bc.example_offer(), on=dt.date(2026, 6, 1))
else:
    bc.validate(bc.example_bilan(), on=dt.date(2026, 6, 1))
print(" ".join(rule.id for rule in bc.rules()))
"""
    orders = {
        subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", f"FIRST = {first!r}\n{code}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for first in ("offer", "bilan")
    }
    assert len(orders) == 1
    assert orders.pop().split() == [rule.id for rule in bc.rules()]
