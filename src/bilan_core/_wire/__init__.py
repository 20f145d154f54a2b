"""The wire engine: one reader, one explainer and one writer, all made from the field table.

- :mod:`~bilan_core._wire.reader`: msgspec decodes the bytes in C into strict mirror types
  made from :mod:`bilan_core._fields` (unknown keys, types, enums, integer ranges, the funding
  tag are checked there); a builder generated once per class makes the frozen attrs objects,
  checking what only code can check (patterns in one call per document, check keys, years,
  the Paris clock change) and each class's invariants, once.
- :mod:`~bilan_core._wire.explain`: when the reader refuses a document, the explainer walks it
  with the same table and lists its problems with their JSON paths, a bounded number of them,
  in time and memory linear in the input.
- :mod:`~bilan_core._wire.writer`: the objects back to JSON types.

:mod:`bilan_core.serialization` (bilans) and the offer module use it; nothing here is public.
"""
