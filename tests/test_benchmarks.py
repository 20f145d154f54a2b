"""The benchmark suite: a deterministic corpus, honest peers, a runner that cannot rot.

The peers (pydantic v2, msgspec) must reach the same verdicts as bilan-core on the quick
corpus, rule by rule, so that the timings compare the same work. No timing is asserted.
"""

from __future__ import annotations

import collections
import json

import pytest
from benchmarks.corpus import BREAKS, generate
from benchmarks.peers import checks

import bilan_core as bc
from bilan_core.samples import EXAMPLE_FUNDINGS

pytest.importorskip("pydantic")
pytest.importorskip("msgspec")

from benchmarks.peers import msgspec_model, pydantic_model

QUICK = 200
PEERS = {"pydantic": pydantic_model, "msgspec": msgspec_model}


@pytest.fixture(scope="module")
def plans() -> list:
    return generate(QUICK)


@pytest.fixture(scope="module")
def shared() -> frozenset[str]:
    """The ported rules that bilan-core registers today."""
    return checks.PORTED & {r.id for r in bc.rules(include_policy=False)}


def test_corpus_is_deterministic() -> None:
    """The same size and seed give the same bytes; another seed gives other plans."""
    assert generate(30) == generate(30)
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


def test_quick_run_prints_the_table(tmp_path, capsys) -> None:
    """The CI command runs end to end, prints the table and writes JSON; exit code 0."""
    from benchmarks.__main__ import main

    out = tmp_path / "results.json"
    assert main(["--quick", "--plans", "30", "--repeats", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| bytes → report (all rules) |" in printed
    assert "versions: bilan-core" in printed
    results = json.loads(out.read_text())
    assert results["plans"] == 30
    assert set(results["figures"]["load"]) == {"bilan-core", "pydantic", "msgspec", "orjson"}
    assert not any(results["verdicts"]["differ"].values())
