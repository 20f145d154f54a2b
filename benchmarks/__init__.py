"""Benchmarks of bilan-core against peer baselines (pydantic v2, msgspec, ``orjson.loads``).

Run ``uv run --group bench python -m benchmarks`` (``--quick`` for the reduced CI run).
See ``docs/performance.md``.
"""
