"""Tests that kill mutants which survived the rest of the suite, third round (see README,
"Mutation testing"; earlier rounds are in test_mutants_killed.py and
test_mutants_killed_2.py).  Each docstring names the mutation it kills; each was checked
with `scripts/mutation --survivors MODULE` or by applying the mutation by hand.  No test
depends on today's date."""

from __future__ import annotations

from pydantic import BaseModel

from goldenthread.derive.public_filter import _filter_collection, is_public


class _NoVisibility(BaseModel):
    name: str


class _Visible(BaseModel):
    name: str
    visibility: str


def test_a_record_without_a_visibility_field_is_not_public_and_is_dropped():
    """Kills ``getattr(record, "visibility", None)`` -> ``getattr(record, "visibility")``
    in public_filter.is_public: a record with no visibility field is simply not public
    (public is an allow-list), not an AttributeError that stops the build."""
    assert is_public(_NoVisibility(name="x")) is False
    assert is_public("plain text") is False
    kept = _filter_collection({"a": _NoVisibility(name="a"),
                               "b": _Visible(name="b", visibility="public"),
                               "c": _Visible(name="c", visibility="internal")})
    assert list(kept) == ["b"]
    assert _filter_collection((_NoVisibility(name="a"), _Visible(name="b", visibility="public"))) \
        == (_Visible(name="b", visibility="public"),)
