"""Build a bilan in Python, write it as JSON, read it back and check it against the law.

Run: uv run python examples/build_a_bilan.py
"""

from __future__ import annotations

from decimal import Decimal

import pendulum

import bilan_core as bc

PARIS = "Europe/Paris"


def build() -> bc.Bilan:
    """A CPF bilan outside working time, planned over two months, with 20 h of sessions."""
    provider = bc.Provider(
        name="STAFF",
        siret="78288205400011",
        nda="52440000044",
        qualiopi=bc.Qualiopi(
            categories={bc.QualiopiCategory.BILAN_DE_COMPETENCES},
            valid_from=pendulum.date(2024, 6, 1),
            valid_until=pendulum.date(2027, 5, 31),
        ),
    )
    plan = [
        (pendulum.datetime(2026, 9, 7, 9, 30, tz=PARIS), 180, bc.Phase.PRELIMINARY),
        (pendulum.datetime(2026, 9, 21, 9, 30, tz=PARIS), 180, bc.Phase.INVESTIGATION),
        (pendulum.datetime(2026, 10, 5, 14, 0, tz=PARIS), 180, bc.Phase.INVESTIGATION),
        (pendulum.datetime(2026, 10, 19, 9, 30, tz=PARIS), 180, bc.Phase.INVESTIGATION),
        # 26 October: clocks went back the night before; the library stores UTC.
        (pendulum.datetime(2026, 10, 26, 9, 30, tz=PARIS), 180, bc.Phase.CONCLUSION),
    ]
    sessions = tuple(
        bc.Session(id=f"s{i}", start=start, minutes=minutes, phase=phase)
        for i, (start, minutes, phase) in enumerate(plan, start=1)
    )
    return bc.Bilan(
        id="2026-0042",
        beneficiary=bc.Beneficiary(id="b-81f3", status=bc.BeneficiaryStatus.PRIVATE_EMPLOYEE),
        provider=provider,
        funding=bc.CpfFunding(
            on_working_time=False,
            purchase_date=pendulum.date(2026, 8, 24),
            price=Decimal("1590.00"),
            cpf_amount=Decimal("1486.80"),
            participation=Decimal("103.20"),
        ),
        consent=bc.Consent(given_at=pendulum.datetime(2026, 8, 24, 10, tz=PARIS)),
        sessions=sessions,
    )


def main() -> None:
    """Build, round-trip and validate the bilan; print what the law says."""
    bilan = build()
    data = bc.dumps(bilan)
    assert bc.load(data) == bilan, "the wire format round-trips"
    print(f"{bilan.id}: {len(data)} bytes of JSON, {bilan.total_minutes // 60} h planned")
    report = bc.validate(bilan, on=pendulum.date(2026, 9, 1))
    print("valid under the law" if report.ok else "breaks the law:")
    for violation in report.violations:
        print(f"  {violation.severity.value:<7} {violation.rule_id}: {violation.message.en}")


if __name__ == "__main__":
    main()
