"""Shared pytest configuration: doctest namespace and Hypothesis profiles."""

from __future__ import annotations

import os

import pendulum
import pytest
from hypothesis import HealthCheck, settings

import bilan_core

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["bc"] = bilan_core
    doctest_namespace["pendulum"] = pendulum
