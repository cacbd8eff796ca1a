"""A rendered report in a real browser: headless Chromium at laptop and phone width, on a machine
with no CJK font. No network, no console error, a title, anchors that work, Chinese drawn with
the font the page carries, in its text and in its charts."""
import re

import pytest

from browser import Browser, find_chromium
from licheng.publishing import cli

CHROMIUM = find_chromium()
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium on PATH (Debian: apt-get install chromium; "
                                                          ".ci/run installs it)")]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    assert cli.main(["render", "scorecard-zh", "growth-en", "--format", "html", "--outputs", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium"))
    yield b
    b.close()


@pytest.mark.parametrize("width, mobile", [(1280, False), (390, True)])
@pytest.mark.parametrize("name", ["scorecard-zh", "growth-en"])
def test_a_report_page_works_offline_in_chromium_with_no_cjk_font(pages, browser, name, width, mobile):
    page = pages / name / f"{name}.html"
    browser.open(page.as_uri(), width=width, mobile=mobile)

    # nothing but the page itself: no request to any server, not even for a font or an image
    assert [u for u in browser.requests() if not u.startswith(("file:", "data:"))] == []
    assert browser.errors() == []  # no console error, no CSP violation

    title = browser.js("document.title")
    assert title and title != "Notebook" and ("历城区" in title or "Licheng District" in title)

    # every in-page link lands on an element, and following one scrolls to it
    broken = browser.js("""[...document.querySelectorAll('a[href^="#"]')]
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter(id => !document.getElementById(id))""")
    assert broken == []
    assert browser.js("document.querySelectorAll('nav.licheng-toc a').length") >= 3
    assert browser.js("document.querySelectorAll('a.licheng-cite').length") >= 3
    assert browser.js("document.querySelectorAll('.licheng-notes li[id^=note-] a.licheng-back').length") >= 3
    landed = browser.js("""(() => { const a = document.querySelectorAll('nav.licheng-toc a')[2];
        a.click(); const t = document.getElementById(decodeURIComponent(a.hash.slice(1)));
        const r = t.getBoundingClientRect(); return [location.hash === a.hash, r.top >= -2 && r.top < innerHeight]; })()""")
    assert landed == [True, True]
    browser.js("window.scrollTo(0, 0)")

    # Chinese drawn with the embedded subset, not boxes: the only fonts are DejaVu and the page's own
    chinese = "h1" if name.endswith("-zh") else ".licheng-notes li"  # English reports quote their source
    drawn = browser.fonts_of(chinese)
    cjk = [f for f in drawn if f["familyName"].startswith("Noto Sans CJK SC")]
    assert cjk and all(f["isCustomFont"] for f in cjk), drawn
    text = browser.js(f"document.querySelector('{chinese}').textContent")
    assert sum(f["glyphCount"] for f in cjk) >= len(re.findall(r"[\u4e00-\u9fff]", text)) > 0
    svg_cjk = browser.js("""[...document.querySelectorAll('svg text')].some(t => /[\\u4e00-\\u9fff]/.test(t.textContent))""")
    if svg_cjk:
        node = browser.js("""(() => { const t = [...document.querySelectorAll('svg text')]
            .find(t => /[\\u4e00-\\u9fff]/.test(t.textContent)); t.id = 'cjk-label'; return t.textContent; })()""")
        assert node
        chart = browser.fonts_of("#cjk-label")
        assert any(f["familyName"].startswith("Noto Sans CJK SC") and f["isCustomFont"] for f in chart), chart

    # a figure's source sentence, unit and qualifiers: shown on hover and on tap (focus)
    tip = browser.js("""(() => { const f = document.querySelector('.licheng-fig'); f.focus();
        return getComputedStyle(f, '::after').content; })()""")
    assert "“" in tip and ("unit" in tip or "单位" in tip)

    # at phone width: no sideways scroll of the page; tables scroll in their own region; chart text legible
    if mobile:
        assert browser.js("document.documentElement.scrollWidth") <= width + 1
        assert browser.js("""[...document.querySelectorAll('.licheng-scroll')].some(d => d.scrollWidth > d.clientWidth)""")
        assert browser.js("document.querySelector('meta[name=viewport]') !== null")
    # the size a reader sees: the label's font size times the chart's scale on screen
    smallest = browser.js("""Math.min(...[...document.querySelectorAll('svg[role=img]')].flatMap(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
            .map(t => parseFloat(getComputedStyle(t).fontSize) * scale); }))""")
    assert 8.5 <= smallest < 40, f"chart text only {smallest:.1f} px at {width} px"


def test_the_index_page_has_a_viewport_and_works_offline(pages, browser):
    browser.open((pages / "index.html").as_uri(), width=390, mobile=True)
    assert browser.js("document.querySelector('meta[name=viewport]') !== null")
    assert [u for u in browser.requests() if not u.startswith(("file:", "data:"))] == []
    assert browser.errors() == []
