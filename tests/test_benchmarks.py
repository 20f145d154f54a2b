"""The benchmark suite: an honest deterministic corpus, honest peers, a runner that cannot rot.

The corpus draws its values fresh for every plan (no two plans share a session start); the
peers (pydantic v2, msgspec) must reach the same verdicts as bilan-core on the quick corpus,
rule by rule, so that the timings compare the same work. No timing is asserted.
"""

from __future__ import annotations

import collections
import datetime as dt
import json

import pytest
from benchmarks.corpus import BREAKS, freshness, generate
from benchmarks.peers import checks

import bilan_core as bc
from bilan_core._identifiers import siret_problem
from bilan_core.samples import EXAMPLE_FUNDINGS

pytest.importorskip("pydantic")
pytest.importorskip("msgspec")

from benchmarks import hostile, suite
from benchmarks.peers import msgspec_model, pydantic_model

QUICK = 200
PEERS = {"pydantic": pydantic_model, "msgspec": msgspec_model}


@pytest.fixture(scope="module")
def plans() -> list:
    return generate(QUICK)


@pytest.fixture(scope="module")
def documents(plans: list) -> list[dict]:
    return [json.loads(plan.data) for plan in plans]


@pytest.fixture(scope="module")
def shared() -> frozenset[str]:
    """The ported rules that bilan-core registers today."""
    return checks.PORTED & {r.id for r in bc.rules(include_policy=False)}


def test_corpus_is_deterministic() -> None:
    """The same size and seed give the same bytes; a shorter corpus is a prefix of a longer
    one; another seed gives other plans."""
    assert generate(30) == generate(30)
    assert generate(12) == generate(30)[:12]
    assert generate(30, seed=1) != generate(30)


def test_corpus_is_realistic(plans: list) -> None:
    """Every route appears, plans are a few KB of canonical wire bytes, 10-20 % break a rule."""
    assert {p.route for p in plans} == set(EXAMPLE_FUNDINGS)
    sizes = [len(p.data) for p in plans]
    assert 4000 < sum(sizes) / len(sizes) < 8000
    broken = sum(p.broken is not None for p in plans)
    assert 0.10 * QUICK <= broken <= 0.20 * QUICK
    years = {p.on.year for p in plans}
    assert {2024, 2025, 2026} <= years
    for plan in plans[:50]:
        assert bc.dumps(bc.load(plan.data)) == plan.data


def test_no_two_plans_share_a_session_start(documents: list[dict]) -> None:
    """Session starts are drawn fresh: never one that another plan has."""
    owner: dict[str, int] = {}
    for index, document in enumerate(documents):
        for session in document["sessions"]:
            assert owner.setdefault(session["start"], index) == index, session["start"]
    minutes = {start[14:16] for start in owner}
    assert len(minutes) > 30  # moved by minutes, not only by whole weeks


def test_values_are_drawn_per_plan(plans: list, documents: list[dict]) -> None:
    """Ids, SIRETs, prices, instants and texts vary from plan to plan; SIRET keys are valid."""
    values = freshness(plans)
    assert values["session starts"]["shared by two plans"] == 0
    assert values["ids"]["distinct"] == values["ids"]["values"]
    assert values["SIRETs"]["distinct"] > 0.95 * values["SIRETs"]["values"]
    assert values["texts"]["distinct"] > 0.8 * values["texts"]["values"]
    assert values["instants"]["distinct"] > 0.6 * values["instants"]["values"]
    prices = {d["funding"].get("price") for d in documents} - {None}
    assert len(prices) > 0.9 * len([d for d in documents if d["funding"].get("price")])
    for document in documents:
        sirets = [document["provider"]["siret"], document["beneficiary"]["employer_siret"]]
        for siret in filter(None, sirets):
            assert siret_problem(siret) is None, siret
    assert sum(bool(d["agreements"]) for d in documents) > 0.1 * QUICK
    assert sum(bool(d["disclosures"]) for d in documents) > 0.05 * QUICK


def test_sessions_stay_in_opening_hours(plans: list, documents: list[dict]) -> None:
    """Moved by minutes, sessions start and end within 07:00-16:30 UTC on their day (but the
    extra session of the 24 h 30 break, which is longer than a day's opening hours)."""
    for plan, document in zip(plans, documents, strict=True):
        for session in document["sessions"]:
            start = dt.datetime.fromisoformat(session["start"])
            end = start + dt.timedelta(minutes=session["minutes"])
            assert start.time() >= dt.time(7, 0), session
            if plan.broken != "BC-DURATION-MAX":
                assert end.date() == start.date(), session
                assert end.time() <= dt.time(16, 30), session


def test_breaks_are_known_rules() -> None:
    """Each break of the generator names a rule the peers port."""
    assert {rule_id for rule_id, *_ in BREAKS} <= checks.PORTED


def test_bilan_core_finds_exactly_the_intended_breaks(plans: list) -> None:
    """A plan breaks the rule it was built to break (when registered), and nothing else."""
    registered = {r.id for r in bc.rules(include_policy=False)}
    surprises = collections.Counter()
    for plan in plans:
        found = {v.rule_id for v in bc.validate(bc.load(plan.data), on=plan.on).violations}
        expected = {plan.broken} & registered if plan.broken else set()
        if found != expected:
            surprises[(plan.route, plan.broken, tuple(sorted(found)))] += 1
    assert not surprises


@pytest.mark.parametrize("peer", sorted(PEERS))
def test_peer_verdicts_equal_bilan_core(plans: list, shared: frozenset[str], peer: str) -> None:
    """On the shared rules, each plan's set of failing rule ids is bilan-core's, exactly."""
    module = PEERS[peer]
    assert len(shared) >= 15
    differ = []
    for index, plan in enumerate(plans):
        ours = {v.rule_id for v in bc.validate(bc.load(plan.data), on=plan.on).violations}
        theirs = {f[0] for f in module.validate(module.load(plan.data), plan.on, shared)}
        if ours & shared != theirs:
            differ.append((index, plan.route, sorted(ours & shared), sorted(theirs)))
    assert not differ


@pytest.mark.parametrize("peer", sorted(PEERS))
def test_peers_are_strict(peer: str, plans: list) -> None:
    """Like bilan-core, the peers refuse unknown keys and coerced values."""
    module = PEERS[peer]
    document = json.loads(plans[0].data)
    for mutate in (
        lambda d: d.update(surprise=1),
        lambda d: d["sessions"][0].update(minutes="120"),
        lambda d: d["funding"].update(type="lottery"),
    ):
        bad = json.loads(json.dumps(document))
        mutate(bad)
        with pytest.raises(Exception):  # noqa: B017 - each library has its own error
            module.load(json.dumps(bad).encode())
        with pytest.raises(bc.SerializationError):
            bc.load(json.dumps(bad).encode())


def test_cold_clears_the_per_value_caches(plans: list) -> None:
    """The "cold" figures clear the caches keyed by a plan's values (a SIRET's check...)."""
    for plan in plans[:5]:
        bc.validate(bc.load(plan.data), on=plan.on)
    clear, cleared, kept = suite.cache_clearer()
    assert "bilan_core._identifiers.siret_problem" in cleared
    assert "bilan_core.serialization._reader" in kept
    assert not set(cleared) & set(kept)
    assert siret_problem.cache_info().currsize > 0
    clear()
    assert siret_problem.cache_info().currsize == 0


def test_kept_caches_are_not_keyed_by_plan_values(plans: list) -> None:
    """A cache the cold figures keep holds a few keys whatever the plans: reading, validating
    and writing 200 plans (hundreds of reference dates, SIRETs, instants) fills each with at
    most a handful; the caches per interval of in-force dates, with one key per interval."""
    _, _, kept = suite.cache_clearer()
    caches = suite.library_caches()[1]
    for cache in caches.values():
        cache.cache_clear()
    days = set()
    for plan in plans:
        bilan = bc.load(plan.data)
        bc.validate(bilan, on=plan.on)
        bc.dumps(bilan)
        days.add(bilan.reference_date)
    assert len(days) > 100
    sizes = {name: caches[name].cache_info().currsize for name in kept}
    assert all(size <= 32 for size in sizes.values()), sizes
    per_interval = [name for name in kept if name.endswith(("._in_force", "._selected", "_groups"))]
    assert len(per_interval) == 3
    for name in per_interval:
        assert sizes[name] <= 8, (name, sizes[name])  # the law changed a few times since 2019


def test_hostile_documents_are_what_they_say() -> None:
    """The 10⁶ integers make about 3 MB of JSON; the documents are refused (or read)."""
    assert 2_900_000 < len(hostile.document("integers", 1_000_000)) < 3_100_000
    for kind, refused in (("integers", True), ("scalars", True), ("sessions", False)):
        data = hostile.document(kind, 300)
        if refused:
            with pytest.raises(bc.SerializationError) as caught:
                bc.load(data)
            assert len(caught.value.errors) <= 100
        else:
            assert len(bc.load(data).sessions) > 300


@pytest.mark.slow
def test_quick_run_prints_the_table(tmp_path, capsys) -> None:
    """The CI command runs end to end, prints the table and writes JSON; exit code 0."""
    from benchmarks.__main__ import main

    out = tmp_path / "results.json"
    assert main(["--quick", "--plans", "30", "--repeats", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| bytes → report (all rules) | cold |" in printed
    assert "| bytes → typed object | warm |" in printed
    assert "versions: bilan-core" in printed
    assert "goals (issue 11" in printed
    assert "bilan-core validate" in printed
    results = json.loads(out.read_text())
    assert results["plans"] == 30
    for metric in ("load", "validate", "end_to_end", "dump"):
        assert set(results["figures"][metric]) == {"cold", "warm"}
    assert set(results["figures"]["load"]["cold"]) == {
        "bilan-core",
        "pydantic",
        "msgspec",
        "orjson",
    }
    assert not any(results["verdicts"]["differ"].values())
    assert results["hostile"]["integers"]["refused"]
    assert results["hostile"]["integers"]["errors_kept"] <= 100
    assert not results["hostile"]["sessions"]["refused"]
    assert results["cli"]["exit_codes"] == [0]


@pytest.mark.slow
def test_a_thousand_generated_plans_round_trip() -> None:
    """1 000 plans of the corpus (values drawn fresh for each): ``dumps(load(b)) == b`` and
    ``load(dump(x)) == x``, identically (the count is the read-engine issue's acceptance; the
    Hypothesis round-trip in test_serialization takes its count from the profile)."""
    plans = generate(1000)
    assert len({plan.data for plan in plans}) == 1000
    for plan in plans:
        bilan = bc.load(plan.data)
        assert bc.dumps(bilan) == plan.data
        assert bc.load(bc.dump(bilan)) == bilan
