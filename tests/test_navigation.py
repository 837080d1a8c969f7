"""Which tabs get the short sidebar (kubenotes.navigation), over stand-ins for mkdocs' nav."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from kubenotes.navigation import FLAG, count_pages, flag_big_tabs
from kubenotes.settings import SiteSettings


@dataclass
class Page:
    title: str = "p"
    is_page: bool = True
    is_section: bool = False


@dataclass
class Section:
    title: str
    children: list = field(default_factory=list)
    is_page: bool = False
    is_section: bool = True


def tab(title: str, sections: int, pages: int) -> Section:
    return Section(
        title, [Section(f"s{n}", [Page() for _ in range(pages)]) for n in range(sections)]
    )


def test_tabs_with_more_pages_than_the_limit_are_flagged():
    small, exact, big = tab("small", 2, 5), tab("exact", 3, 20), tab("big", 20, 25)
    home = Page("home")
    assert flag_big_tabs([home, small, exact, big], limit=60) == ["big"]
    assert (getattr(small, FLAG), getattr(exact, FLAG), getattr(big, FLAG)) == (False, False, True)
    assert not hasattr(home, FLAG)
    assert count_pages(big) == 500


@pytest.mark.parametrize(("value", "limit"), [("", 60), ("10", 10), ("'25'", 25)])
def test_page_limit_setting(tmp_path, value, limit):
    extra = f"extra:\n  kubenotes:\n    sidebar_page_limit: {value}\n" if value else ""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\n{extra}", encoding="utf-8")
    assert SiteSettings.from_file(tmp_path / "mkdocs.yml").sidebar_page_limit == limit
