"""Peer baselines: the same wire format and the same checks in pydantic v2 and msgspec."""
