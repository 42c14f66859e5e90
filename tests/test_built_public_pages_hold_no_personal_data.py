"""The built public site is read once more before it is published, as a reader reads it:
every page's visible text and every open-data file, through the same personal-data
guard as the road map's text (``python -m goldenthread.publish.site_check``, which
``scripts/build`` runs)."""

from __future__ import annotations

import json
from pathlib import Path

from goldenthread.publish.page_guard import page_blocks, page_problems
from goldenthread.publish.site_check import main

from .conftest import EXAMPLE_DATA, MINIMAL

FIX = ("the public site must not show personal contact details — remove it from the road "
       "map's text or the page it comes from, or, if it is an organisational contact, add "
       "it to public_contacts in roadmap.yml [personal-data]")


def _site(folder: Path, audience: str = "public") -> Path:
    """A built site's stand-in: linked pages with contacts written in several ways, and
    open data."""
    pages = {
        "index.html": '<a href="help/">Help</a>\n<p>Ring the front door on 01632 960001.</p>',
        "help/index.html": (
            "<p>Ring\n  07700 <b>900</b>123 after six.</p>\n"
            '<p><a href="mailto:jane.smith@example.org">write to us</a></p>\n'
            '<img src="x.png" alt="Call 07700 900 456">\n'
            "<script>var example = '07700 900789';</script>\n"
            "<p>In 2011-12, 1,234 children; £1,250,000.</p>"),
    }
    for rel, body in pages.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><head><title>Road map</title></head><body>"
                        f"{body}</body></html>\n", encoding="utf-8")
    (folder / "data").mkdir()
    document = {"audience": audience, "goals": [{"id": "safe", "summary": "Fine."},
                                                {"id": "help", "summary": "Text jo at "
                                                 "example dot org."}]}
    (folder / "data" / "roadmap.json").write_text(json.dumps(document, indent=2) + "\n")
    (folder / "data" / "goals.csv").write_text(
        'id,summary\r\nsafe,Fine.\r\nhelp,"Ring O77OO 9OO 321."\r\n', encoding="utf-8")
    return folder


def test_contacts_on_a_built_public_page_or_in_its_open_data_stop_publication(
        tmp_path, capsys):
    site = _site(tmp_path / "public")
    assert main([str(site), "--data", str(MINIMAL)]) == 1
    printed = capsys.readouterr()
    json_line = (site / "data" / "roadmap.json").read_text().splitlines().index(
        '      "summary": "Text jo at example dot org."') + 1
    assert printed.out.splitlines() == [
        f"public/data/goals.csv:3:1: the built page or file would publish the phone number "
        f"'07700 900 321'; {FIX}",
        f"public/data/roadmap.json:{json_line}:1: the built page or file would publish the "
        f"email address 'jo at example dot org'; {FIX}",
        # Split by mark-up and a line break, in a link's address, in an image's text; not
        # the script, which no reader sees, and not the declared help number.
        f"public/help/index.html:1:1: the built page or file would publish the phone number "
        f"'07700 900123'; {FIX}",
        f"public/help/index.html:3:1: the built page or file would publish the email address "
        f"'jane.smith@example.org'; {FIX}",
        f"public/help/index.html:4:1: the built page or file would publish the phone number "
        f"'07700 900 456'; {FIX}",
    ]
    assert "nothing was published" in printed.err


def test_an_intranet_site_may_show_staff_contacts(tmp_path, capsys):
    site = _site(tmp_path / "internal", audience="internal")
    assert page_problems(site, MINIMAL) == []
    assert main([str(site), "--data", str(MINIMAL)]) == 0


def test_a_contact_not_declared_in_the_road_map_is_reported_on_every_page(tmp_path):
    # Without the data folder nothing is declared: the front door's number is reported too.
    site = _site(tmp_path / "public")
    found = [(p.location.path, p.message.split("'")[1]) for p in page_problems(site)]
    assert ("public/index.html", "01632 960001") in found


def test_the_text_a_reader_sees_on_a_page():
    page = ('<html><head><title>t</title><style>p{}</style></head><body>\n'
            '<nav><a href="/">Home</a></nav>\n<p>Ring 07700 <em>900</em>123\n today</p>'
            '<a href="tel:07700900999" title="Call us">Call</a><!-- 07700 900000 --></body>')
    assert page_blocks(page) == [(2, "Home"), (3, "Ring 07700 900123\n today"),
                                 (4, "Call"), (4, "tel:07700900999"), (4, "Call us")]


def test_the_example_public_site_passes_and_shows_its_declared_help_number(example_site):
    assert page_problems(example_site, EXAMPLE_DATA) == []
    assert "01632 960100" in (example_site / "index.html").read_text(encoding="utf-8")
    # Read without the road map's declarations, the same pages would be stopped.
    assert {p.message.split("'")[1] for p in page_problems(example_site)} >= {"01632 960100"}


def test_a_figure_the_site_computed_is_not_taken_for_a_phone_number(tmp_path):
    """A present value or a ratio the tool computed ('1073741824', '304430.0156' at the
    social return's bounds) stands alone in a cell or a table's block: it is a figure.  A
    number written as a phone number (its 0 or +44 kept), in a cell or a block of its own,
    is still found."""
    site = tmp_path / "public"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><html><body><table><tr><td>1073741824</td><td>304430.0156</td>"
        "<td>07700900123</td></tr></table></body></html>\n", encoding="utf-8")
    (site / "data").mkdir()
    (site / "data" / "roadmap.json").write_text(json.dumps({"audience": "public"}) + "\n")
    (site / "data" / "social-returns.csv").write_text(
        "id,present_value,ratio,phone\r\nx,1073741824,304430.0156,+447700900456\r\n",
        encoding="utf-8")
    found = [(p.location.path, p.message.split("'")[1]) for p in page_problems(site, MINIMAL)]
    assert found == [("public/index.html", "07700900123"),
                     ("public/data/social-returns.csv", "+447700900456")]
