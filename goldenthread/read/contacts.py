"""The public contacts for help that a road map declares (roadmap.yml: help_contacts).

They are shown on the home page and every service page.  A public contact's phone number
passes the personal-data guard because it is declared, when ``phone`` holds exactly one
number.  Its web address declares nothing: an email address or a phone number written
inside one (``https://wa.me/447700900123``) is reported like any other, there and
wherever else it is written.
"""

from __future__ import annotations

import re

from pydantic import Field, field_validator, model_validator

from goldenthread.read.field_types import VISIBILITY, Strict, Text, Visibility


class HelpContact(Strict):
    """A public contact for help: whom to call, and when (shown on the home page and every
    service page)."""

    name: Text = Field(description="Who answers, e.g. 'Adult social care front door'.")
    when: Text = Field(
        description="When to use it, in plain words, e.g. 'If you are worried about "
        "someone's safety'.")
    phone: Text | None = Field(
        None, description="The phone number to call (give a phone, a web address or both). It "
        "may be published because it is declared here.")
    web: Text | None = Field(None, description="A web address, e.g. an online form.")
    urgent: bool = Field(
        False, description="true for the number to call when someone may be in danger now.")
    visibility: Visibility = VISIBILITY

    @field_validator("web")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https://[^\s<>\"']+", value):
            raise ValueError("'web' must be a web address starting https://")
        return value

    @property
    def tel(self) -> str:
        """The phone number as a tel: link takes it: digits, and a leading +."""
        phone = self.phone or ""
        return ("+" if phone.strip().startswith("+") else "") + re.sub(r"\D", "", phone)

    @model_validator(mode="after")
    def _phone_or_web(self) -> HelpContact:
        if not self.phone and not self.web:
            raise ValueError("give a 'phone', a 'web' address or both, so readers can reach it")
        return self
