"""The partnership's own accessibility statement (``accessibility:`` in roadmap.yml).

Only the organisation that runs a site can say how accessible it is: who tested it,
when, and what they found.  The tool's record of its own template tests
(``goldenthread/render/accessibility_tested.json``) is about the page templates, never
about one partnership's site, so the statement names it as that.  Without this block,
the statement makes no claim of compliance.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from goldenthread.read.field_types import Date, Strict, Text

ComplianceStatus = Literal["fully compliant", "partially compliant", "not compliant"]


class AccessibilityStatement(Strict):
    """What the organisation found when it had its own site tested for accessibility."""

    status: ComplianceStatus = Field(
        description="How far the site meets the Web Content Accessibility Guidelines 2.2 AA "
        "standard, as the organisation's own test found: fully compliant, partially "
        "compliant or not compliant.")
    tested_on: Date = Field(
        description="When the organisation last had this site tested (YYYY-MM-DD).")
    tested_by: Text = Field(
        description="Who tested it, e.g. 'our digital team' or the name of an accessibility "
        "auditor.")
    known_issues: list[Text] = Field(
        default_factory=list, description="Each part of the site the test found not to be "
        "accessible, one per line, in plain words (required unless the status is fully "
        "compliant).")
    improvements: list[Text] = Field(
        default_factory=list, description="What the organisation will do to improve the "
        "site's accessibility, one per line, e.g. 'We will ask people who use screen readers "
        "to try the site by March.' (optional).")
    prepared_on: Date | None = Field(
        None, description="When the organisation wrote or last reviewed this statement "
        "(YYYY-MM-DD; optional).")

    @model_validator(mode="after")
    def _issues_named(self) -> AccessibilityStatement:
        if self.status != "fully compliant" and not self.known_issues:
            raise ValueError(f"the status is '{self.status}', so list what is not accessible "
                             "under 'known_issues', one per line")
        return self


ACCESSIBILITY = Field(
    None, description="The organisation's own accessibility statement: its compliance "
    "status, when and by whom the site was tested, and what it found (optional). Without "
    "it, the statement on the site says that no compliance status has been declared: only "
    "the organisation that runs a site can declare one.")
