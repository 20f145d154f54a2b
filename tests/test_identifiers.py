"""The SIRET check key agrees with python-stdnum's, the reference implementation."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.fr import siret

from bilan_core._identifiers import luhn_digit, siret_problem

digits = st.text(alphabet="0123456789", min_size=14, max_size=14)


@given(digits)
@example("35600000000048")  # La Poste's head office: Luhn
@example("35600000049837")  # a La Poste establishment: digits add up to a multiple of 5
@example("73282932000074")
def test_siret_key_agrees_with_python_stdnum(value: str) -> None:
    """Any 14 digits: valid for bilan-core exactly when valid for python-stdnum."""
    assert (siret_problem(value) is None) == siret.is_valid(value)


@given(st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_luhn_digit_completes_a_luhn_number(body: str) -> None:
    """The digit luhn_digit adds is the one python-stdnum computes."""
    assert luhn_digit(body) == luhn.calc_check_digit(body)
