"""offers() and offers_violating(rule_id): a provider's public offers for property tests.

- offers() are valid at their `on` date (check_offer: no error, no warning), survive the wire
  format, and follow their options;
- offers_violating(rule) breaks that rule and no other error rule, for every rule judging
  offers (a rule added to the catalogue without a mutation fails here);
- bad arguments raise InvalidArgument at once; st.from_type(Offer) works.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import bilan_core as bc
from bilan_core._paris import add_months
from bilan_core._seed import STAFF_PROVIDER
from bilan_core.offer import ContactRole, FundingRoute, Offer, ResultUnit
from bilan_core.provider import Qualiopi, QualiopiCategory
from bilan_core.strategies import (
    BREAKABLE_OFFER_RULES,
    LAW_FROM,
    OFFER_ROUTES,
    offers,
    offers_violating,
    providers,
)
from bilan_core.strategies._offers import first_fresh_day

OFFER_RULES = [rule.id for rule in bc.rules(subject="offer")]
ON = bc.EXAMPLE_ON
# A few evaluation dates around the rules' own: the law's first day, the day before and the
# day the certificate rule comes into force, a leap day, the day after a February's end.
DATES = [
    LAW_FROM,
    pendulum.date(2023, 8, 31),
    pendulum.date(2023, 9, 1),
    pendulum.date(2024, 2, 29),
    pendulum.date(2025, 3, 1),
    pendulum.date(2031, 12, 31),
]
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Deterministic searches: shrunk (for the shrink targets), or the first example found.
FIND = settings(database=None, derandomize=True, max_examples=500, deadline=None)
FIRST = settings(FIND, phases=[Phase.generate])


def _shown(offer: Offer, on: dt.date = ON) -> tuple[set[str], set[str]]:
    """The rules reported as errors, and those reported as errors or warnings."""
    report = bc.check_offer(offer, on=on)
    errors = {v.rule_id for v in report.violations if v.severity is bc.Severity.ERROR}
    shown = {v.rule_id for v in report.violations if v.severity is not bc.Severity.INFO}
    return errors, shown


# -- valid offers ------------------------------------------------------------------------------


@SLOW
@given(offers())
def test_offers_are_valid_and_survive_the_wire_format(offer: Offer) -> None:
    errors, shown = _shown(offer)
    assert not shown, bc.check_offer(offer, on=ON).violations
    assert not errors
    data = bc.dumps_offer(offer)
    assert bc.load_offer(data) == offer
    assert bc.dumps_offer(bc.load_offer(data)) == data  # bytes are deterministic
    assert bc.dumps_offer(offer) == data
    assert bc.load_offer(bc.dump_offer(offer)) == offer


@SLOW
@given(offers())
def test_offers_state_what_the_rules_ask(offer: Offer) -> None:
    """What makes them valid, stated directly (not only through check_offer)."""
    assert offer.access_routes
    assert offer.results
    assert all(r.has_period and r.period_end is not None for r in offer.results)
    assert all(r.period_end <= ON for r in offer.results if r.period_end is not None)
    assert offer.information_date is not None
    assert first_fresh_day(ON) <= offer.information_date <= ON
    assert offer.duration is not None
    assert offer.duration.max_minutes is None or offer.duration.max_minutes <= 24 * 60
    assert all(offer.price_of(route) is not None for route in offer.routes)
    assert any(c.reachable for c in offer.contacts)
    certified = offer.provider.qualiopi is not None and offer.provider.qualiopi.covers(
        ON, QualiopiCategory.BILAN_DE_COMPETENCES
    )
    mention = offer.qualiopi
    if certified:
        assert mention is not None
        assert mention.certificate_displayed
    else:
        assert mention is None or not (mention.certificate_displayed or mention.logo)


@pytest.mark.slow  # each date in turn; the default run draws them (below)
@pytest.mark.parametrize("on", DATES, ids=str)
@SLOW
@given(data=st.data())
def test_offers_are_valid_at_other_dates(on: pendulum.Date, data: st.DataObject) -> None:
    offer = data.draw(offers(on=on))
    _, shown = _shown(offer, on)
    assert not shown


@SLOW
@given(offers(routes=[FundingRoute.JOB_SEEKER, "self_funded"]))
def test_routes_option(offer: Offer) -> None:
    assert set(offer.routes) == {FundingRoute.JOB_SEEKER, FundingRoute.SELF_FUNDED}
    assert not _shown(offer)[1]


@SLOW
@given(offers(routes=st.sampled_from([{FundingRoute.CPF}, (FundingRoute.PUBLIC_LEAVE,)])))
def test_routes_option_takes_a_strategy(offer: Offer) -> None:
    assert offer.routes in {(FundingRoute.CPF,), (FundingRoute.PUBLIC_LEAVE,)}
    assert not _shown(offer)[1]


@SLOW
@given(offers(provider=STAFF_PROVIDER))
def test_provider_option(offer: Offer) -> None:
    assert offer.provider == STAFF_PROVIDER
    assert offer.qualiopi is not None
    assert offer.qualiopi.certificate_displayed  # STAFF is certified on 2026-06-01
    assert not _shown(offer)[1]


@SLOW
@given(offers(provider=providers(qualiopi=st.none())))
def test_provider_option_takes_a_strategy(offer: Offer) -> None:
    assert offer.provider.qualiopi is None
    assert offer.qualiopi is None or not offer.qualiopi.certificate_displayed
    assert not _shown(offer)[1]


@pytest.mark.slow  # shrinking a whole offer takes seconds
def test_offers_shrink_to_the_simplest_offer() -> None:
    simplest = find(offers(), lambda _: True, settings=FIND)
    assert simplest.routes == (FundingRoute.CPF,)
    (entry,) = simplest.access_routes
    assert entry.employer is None
    assert entry.on_working_time is None
    (price,) = simplest.prices
    assert not price.routes
    assert simplest.information_date == first_fresh_day(ON)
    assert len(simplest.results) == 1
    assert simplest.synthesis is None
    assert simplest.follow_up is None
    assert simplest.confidentiality is None
    assert simplest.methods is not None
    assert [step.phase for step in simplest.methods.phases] == [
        bc.Phase.PRELIMINARY,
        bc.Phase.INVESTIGATION,
        bc.Phase.CONCLUSION,
    ]


@pytest.mark.slow  # 300 offers searched: about 5 s
def test_offers_vary() -> None:
    """The parts the rules leave free come and go (searched deterministically)."""
    strategy = offers()
    conditions = {
        "every route": lambda o: set(o.routes) == set(OFFER_ROUTES),
        "two CPF entries": lambda o: sum(r.route is FundingRoute.CPF for r in o.access_routes) == 2,
        "per-route starts only": lambda o: o.access_delays is None or o.access_delays.start is None,
        "prices per route": lambda o: len(o.prices) > 1,
        "the disability referent among the contacts": lambda o: any(
            c.role is ContactRole.DISABILITY for c in o.contacts
        ),
        "an approach without steps": lambda o: o.methods is not None and not o.methods.phases,
        "a score": lambda o: any(r.unit is ResultUnit.SCORE for r in o.results),
        "dated on": lambda o: o.information_date == ON,
        "uncertified": lambda o: o.provider.qualiopi is None,
        "certificate expired the day before": lambda o: (
            o.provider.qualiopi is not None
            and o.provider.qualiopi.valid_until == ON.subtract(days=1)
        ),
        "a synthesis": lambda o: o.synthesis is not None,
        "no sample size": lambda o: any(r.sample_size is None for r in o.results),
    }
    seen: set[str] = set()

    @settings(FIRST, max_examples=300)
    @given(strategy)
    def sample(offer: Offer) -> None:
        seen.update(name for name, condition in conditions.items() if condition(offer))

    sample()
    assert seen == set(conditions)


@SLOW
@given(st.dates(dt.date(2019, 1, 1), dt.date(2990, 12, 31)))
def test_first_fresh_day_is_the_tolerance(on: dt.date) -> None:
    first = first_fresh_day(on)
    assert add_months(first, 12) >= on
    assert add_months(first.subtract(days=1), 12) < on


# -- offers that break one rule ------------------------------------------------------------------


def test_every_offer_rule_has_a_mutation() -> None:
    assert set(BREAKABLE_OFFER_RULES) == set(OFFER_RULES)


@SLOW
@given(data=st.data())
def test_a_drawn_offer_rule_broken_alone(data: st.DataObject) -> None:
    """The default run's sample of the test below: a rule and a date drawn each time."""
    rule_id = data.draw(st.sampled_from(OFFER_RULES))
    on = data.draw(st.sampled_from([d for d in DATES if bc.rule(rule_id).in_force(d)]))
    offer = data.draw(offers_violating(rule_id, on=on))
    errors, shown = _shown(offer, on)
    assert rule_id in shown
    assert errors <= {rule_id}, errors


@pytest.mark.slow  # every rule in turn (about 1 s each); the default run draws them (above)
@pytest.mark.parametrize("rule_id", OFFER_RULES)
@SLOW
@given(data=st.data())
def test_offer_rule_broken_alone(rule_id: str, data: st.DataObject) -> None:
    """check_offer reports the rule (an error or a warning) and no other error."""
    offer = data.draw(offers_violating(rule_id))
    errors, shown = _shown(offer)
    assert rule_id in shown
    assert errors <= {rule_id}, errors
    assert bc.load_offer(bc.dumps_offer(offer)) == offer


@pytest.mark.slow
@pytest.mark.parametrize("on", DATES[2:], ids=str)
@pytest.mark.parametrize("rule_id", OFFER_RULES)
@SLOW
@given(data=st.data())
def test_offer_rule_broken_alone_at_other_dates(
    rule_id: str, on: pendulum.Date, data: st.DataObject
) -> None:
    offer = data.draw(offers_violating(rule_id, on=on))
    errors, shown = _shown(offer, on)
    assert rule_id in shown
    assert errors <= {rule_id}, errors


@pytest.mark.slow
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=500)
@given(offers())
def test_many_offers_are_valid(offer: Offer) -> None:
    """As many as the LHÉO export's tests draw."""
    assert not _shown(offer)[1]


@pytest.mark.slow  # shrinking a whole offer takes seconds
def test_duration_boundary_shrinks_to_24_h_01() -> None:
    over = find(offers_violating("OFFER-DURATION-MAX"), lambda _: True, settings=FIND)
    assert over.duration is not None
    assert over.duration.max_minutes == 24 * 60 + 1


@pytest.mark.parametrize(
    ("rule_id", "boundary"),
    [
        (
            "OFFER-DURATION-MAX",
            lambda o: o.duration.max_minutes == 24 * 60 + 1 and o.duration.min_minutes is None,
        ),
        (
            "QUALIOPI-IND1-DATED",
            lambda o: o.information_date == first_fresh_day(ON).subtract(days=1),
        ),
        ("QUALIOPI-IND1-DATED", lambda o: o.information_date == ON.add(days=1)),
        (
            "QUALIOPI-CERTIFICATE-DISPLAY",
            lambda o: (
                o.provider.qualiopi is not None
                and o.provider.qualiopi.valid_until == ON.subtract(days=1)
            ),
        ),
        (
            "QUALIOPI-IND1-PRICES",
            lambda o: len(o.routes) > 1 and sum(o.price_of(r) is None for r in o.routes) == 1,
        ),
        (
            "QUALIOPI-IND1-ACCESS-DELAYS",
            lambda o: (
                len(o.access_routes) > 1 and sum(r.start is None for r in o.access_routes) == 1
            ),
        ),
        (
            "QUALIOPI-IND1-DISABILITY-CONTACT",
            lambda o: (
                o.accessibility is not None and o.accessibility.disability_contact is not None
            ),
        ),
        ("QUALIOPI-IND1-OBJECTIVES", lambda o: o.objectives == ("",)),
    ],
)
def test_boundaries_are_drawn(rule_id: str, boundary: object) -> None:
    found = find(offers_violating(rule_id), boundary, settings=FIRST)  # type: ignore[arg-type]
    assert bc.check_offer(found, on=ON).violations


# -- arguments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: offers_violating("NO-SUCH-RULE"), "unknown rule id"),
        (lambda: offers_violating("BC-DURATION-MAX"), "judges a bilan, not an offer"),
        (lambda: offers_violating(42), "rule id string"),  # type: ignore[arg-type]
        (
            lambda: offers_violating("QUALIOPI-CERTIFICATE-DISPLAY", on=dt.date(2023, 8, 31)),
            "not in force on 2023-08-31",
        ),
        (
            lambda: offers_violating("QUALIOPI-IND1-OBJECTIVES", on=dt.date(2021, 12, 31)),
            "not in force",
        ),
        (lambda: offers_violating("OFFER-PHASES", on=dt.date(2018, 12, 31)), "not in force"),
        (lambda: offers(on=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)), "on must be a date"),
        (lambda: offers(on="2026-06-01"), "on must be a date"),  # type: ignore[arg-type]
        (lambda: offers(on=dt.date(2018, 12, 31)), "first date served is 2019-01-01"),
        (lambda: offers(on=dt.date(2995, 1, 1)), "last date served"),
        (lambda: offers(routes=[]), "at least one funding route"),
        (lambda: offers(routes=["bitcoin"]), "not a funding route"),
        (lambda: offers(routes="cpf"), "collection of funding routes"),  # type: ignore[arg-type]
        (lambda: offers(provider="STAFF"), "bilan_core.Provider"),  # type: ignore[arg-type]
        (
            lambda: offers(
                provider=attrs.evolve(
                    STAFF_PROVIDER,
                    qualiopi=Qualiopi(
                        categories={QualiopiCategory.TRAINING_ACTIONS},
                        valid_from=dt.date(2025, 1, 1),
                        valid_until=dt.date(2027, 12, 31),
                    ),
                )
            ),
            "not for bilans",
        ),
    ],
)
def test_bad_arguments_raise_at_once(call: object, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        call()  # type: ignore[operator]


def test_a_strategy_option_is_checked_when_drawing() -> None:
    strategy = offers(routes=st.just(["bitcoin"]))  # built without complaint
    with pytest.raises(InvalidArgument, match="not a funding route"):
        find(strategy, lambda _: True, settings=FIRST)


def test_rules_in_force_from_their_first_day() -> None:
    first = bc.rule("QUALIOPI-CERTIFICATE-DISPLAY").in_force_from
    strategy = offers_violating("QUALIOPI-CERTIFICATE-DISPLAY", on=first)
    offer = find(strategy, lambda _: True, settings=FIRST)
    assert "QUALIOPI-CERTIFICATE-DISPLAY" in _shown(offer, first)[1]


# -- st.from_type ---------------------------------------------------------------------------------


def test_from_type_offer() -> None:
    offer = find(st.from_type(bc.Offer), lambda _: True, settings=FIRST)
    assert isinstance(offer, bc.Offer)
    assert not _shown(offer)[1]
