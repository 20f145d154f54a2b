"""Shared pytest configuration: doctest namespace and Hypothesis profiles."""

from __future__ import annotations

import os

import pendulum
import pytest
from hypothesis import HealthCheck, settings

import bilan_core

# Example counts come from a profile, never from the tests: HYPOTHESIS_PROFILE picks it.
# "dev" (the default) keeps `uv run pytest` quick; CI (.ci/run) runs "ci"; "thorough" is for
# a long hunt before a release (HYPOTHESIS_PROFILE=thorough uv run pytest -m "slow or not slow").
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", max_examples=50, **_COMMON)
settings.register_profile("ci", max_examples=300, print_blob=True, **_COMMON)
settings.register_profile("thorough", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["bc"] = bilan_core
    doctest_namespace["pendulum"] = pendulum
