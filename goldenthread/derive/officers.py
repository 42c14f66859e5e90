"""Named officers beside roles: on the intranet only.

Pages name roles ("Head of Safeguarding"), never people.  The intranet road map also
carries the named officers (the officers file); there, the :func:`with_officer` template
filter adds the officer's name and contact after a role.  The public road map has no officers at all
(the audience filter drops them), so the same templates show roles only.
"""

from __future__ import annotations

from html import escape

import jinja2
from markupsafe import Markup

from goldenthread.read.roadmap import Roadmap
from goldenthread.read.staff_models import Officer

_EMAIL = "@"


def officer_for(roadmap: Roadmap, role: str) -> Officer | None:
    """The officer who holds ``role`` (written exactly as in the officers file), if any."""
    return next((o for o in roadmap.officers if o.role == role), None)


def officer_html(officer: Officer) -> Markup:
    """' (name, contact)' with an email contact as a mailto link; every part escaped."""
    contact = escape(officer.contact)
    if _EMAIL in officer.contact and " " not in officer.contact.strip():
        contact = f'<a href="mailto:{escape(officer.contact.strip())}">{contact}</a>'
    return Markup(f' <span class="gt-officer">({escape(officer.name)}, {contact})</span>')


@jinja2.pass_context
def with_officer(context: jinja2.runtime.Context, role: str) -> Markup:
    """Template filter: the role, escaped, followed on the intranet by its named officer."""
    if "views" not in context:
        raise RuntimeError("with_officer needs the page's views: import the macro that uses it "
                           "'with context', e.g. {% from \"_parts.html\" import x with context %}")
    officer = officer_for(context["views"].roadmap, role)
    return Markup(escape(role)) + (officer_html(officer) if officer else Markup(""))
