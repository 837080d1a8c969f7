"""Every diagram of the site, as a reader meets it in Chromium (issue 14, items 1-3).

- label size (font size × rendered width / viewBox width) on a 390 px phone and at 1280 px;
- zoom opened and closed by keyboard (Enter, Space, Esc, the close button) and by touch,
  with the label size in the zoomed view and focus returned to the diagram;
- WCAG AA contrast of every text, line and shape, computed from the rendered colours over
  what is painted behind them, in the light (``default``) and the dark (``slate``) palette.

Screenshots go to tests/artifacts/diagrams-readable/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import Recorder
from conftest import ARTIFACTS
from test_browser_diagrams import MEASURE, SHOW_TAB, diagram_pages, problems_of

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "diagrams-readable"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
LABEL_MIN = {"phone": 10.0, "desktop": 12.0}
ZOOM_LABEL_MIN = 16.0
TEXT_CONTRAST = 4.5
LINE_CONTRAST = 3.0

# The smallest label of the visible SVG of a .diagram-wrap, in CSS pixels as rendered.
LABEL_SIZE = """
wrap => {
  const svg = [...wrap.querySelectorAll(":scope > svg.diagram")]
    .find(s => s.getClientRects().length);
  if (!svg) return null;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")]
    .filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {smallest: Math.min(...sizes), scale, count: sizes.length,
          variant: svg === wrap.querySelector("svg.diagram") ? "first" : "second"};
}
"""

ZOOMED = """
() => {
  const overlay = document.querySelector(".diagram-overlay");
  if (!overlay) return null;
  const svg = overlay.querySelector("svg.diagram");
  const pane = overlay.querySelector(".diagram-overlay__pane");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const before = [pane.scrollLeft, pane.scrollTop];
  pane.scrollBy(50, 50);
  const moved = pane.scrollLeft !== before[0] || pane.scrollTop !== before[1];
  pane.scrollTo(before[0], before[1]);
  return {
    role: overlay.getAttribute("role"),
    modal: overlay.getAttribute("aria-modal"),
    label: overlay.getAttribute("aria-label") || "",
    smallest: Math.min(...sizes),
    focusInside: overlay.contains(document.activeElement),
    close: !!overlay.querySelector("button.diagram-overlay__close[aria-label]"),
    overflows: pane.scrollWidth > pane.clientWidth + 1 || pane.scrollHeight > pane.clientHeight + 1,
    pans: moved,
    inScreen: (() => { const r = overlay.getBoundingClientRect();
                       return r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 1
                              && r.bottom <= innerHeight + 1; })(),
  };
}
"""

# Contrast of each text (4.5:1) and each line or shape outline (3:1) against what is painted
# under it: the page background, then every filled shape drawn before it that covers the
# point (hit-tested with isPointInFill), alpha-composited in paint order. Lines and shapes are
# sampled at nine points along their outline and judged by the median.
CONTRAST = """
wrap => {
  const svg = [...wrap.querySelectorAll(":scope > svg.diagram")]
    .find(s => s.getClientRects().length);
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => { const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  let page = parse(getComputedStyle(document.body).backgroundColor);
  for (let el = wrap; el && page[3] === 0; el = el.parentElement)
    page = parse(getComputedStyle(el).backgroundColor);
  if (page[3] !== 1) throw new Error("no opaque page background: " + page);
  const fills = [...svg.querySelectorAll("rect, polygon, circle, path")].filter(s => {
    const f = parse(getComputedStyle(s).fill || ""); return f && f[3] > 0; });
  // shapes painted in the element's own colour merge with it (arrowheads meeting at a node)
  const backdrop = (element, point, own) => {
    let colour = page;
    for (const shape of fills) {
      if (shape === element || getComputedStyle(shape).fill === own) continue;
      if (!(shape.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      if (shape.contains(element)) continue;
      const p = svg.createSVGPoint(); p.x = point[0]; p.y = point[1];
      if (shape.isPointInFill(p)) colour = over(parse(getComputedStyle(shape).fill), colour);
    }
    return colour;
  };
  const name = el => (el.closest("g") || el).getAttribute("class") + " " + el.tagName +
    (el.textContent ? " '" + el.textContent.trim().slice(0, 30) + "'" : "");
  const found = [];
  for (const text of svg.querySelectorAll("text")) {
    if (!text.textContent.trim()) continue;
    const b = text.getBBox();
    for (const point of [[b.x + b.width / 2, b.y + b.height / 2], [b.x + 2, b.y + b.height / 2]]) {
      const under = backdrop(text, point, null);
      const colour = over(parse(getComputedStyle(text).fill), under);
      found.push({kind: "text", what: name(text), ratio: ratio(colour, under)});
    }
  }
  const lines = svg.querySelectorAll(
    "path.line, path.lifeline, path.divider, .arrowhead, .shape, rect.activation, rect.frame");
  for (const line of lines) {
    const style = getComputedStyle(line);
    const stroke = parse(style.stroke || "");
    const paint = stroke && stroke[3] > 0 && parseFloat(style.strokeWidth) > 0
      ? stroke : parse(style.fill || "");
    if (!paint || paint[3] === 0) continue;
    const paintText = paint === stroke ? style.stroke : style.fill;
    // nine points along the outline; the median, so that where an arrow tip touches a node
    // or two arrowheads meet, the touching parts do not count as the shape's background
    const length = line.getTotalLength();
    const ratios = [];
    for (let i = 0; i < 9; i++) {
      const at = line.getPointAtLength(length * (i + 0.5) / 9);
      const under = backdrop(line, [at.x, at.y], paintText);
      ratios.push(ratio(over(paint, under), under));
    }
    ratios.sort((p, q) => p - q);
    found.push({kind: "line", what: name(line), ratio: ratios[4]});
  }
  return found;
}
"""


def new_page(browser, device: dict, scheme: str = "light", locale: str = "zh-CN", js: bool = True):
    context = browser.new_context(
        **device, color_scheme=scheme, locale=locale, java_script_enabled=js
    )
    recorder = Recorder()
    page = context.new_page()
    page.on("pageerror", lambda error: recorder.errors.append(str(error)))
    page.on(
        "console",
        lambda message: recorder.errors.append(message.text) if message.type == "error" else None,
    )
    return page, recorder


def wraps_of(page, site_url: str, path: str, js: bool = True):
    page.goto(f"{site_url}/{path}")
    if js:
        page.wait_for_function("document.querySelector('.diagram-wrap.diagram-zoomable')")
    wraps = page.locator(".md-content .diagram-wrap")
    for index in range(wraps.count()):
        wrap = wraps.nth(index)
        wrap.locator("svg.diagram").first.evaluate(SHOW_TAB)
        yield index, wrap


def shot_name(path: str, index: int) -> str:
    return f"{path.strip('/').replace('/', '-') or 'home'}-{index + 1}"


def test_the_site_has_diagrams_in_both_languages_for_these_checks(site: Path):
    pages = diagram_pages(site)
    assert sum(p.startswith("en/") for p in pages) >= 10, pages
    assert sum(not p.startswith("en/") for p in pages) >= 10, pages


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_every_diagram_label_is_readable(browser, site, site_url, device):
    page, recorder = new_page(browser, PHONE if device == "phone" else DESKTOP)
    (SHOTS / device).mkdir(parents=True, exist_ok=True)
    problems, measured = [], 0
    for path in diagram_pages(site):
        for index, wrap in wraps_of(page, site_url, path):
            size = wrap.evaluate(LABEL_SIZE)
            measured += 1
            if size is None or size["smallest"] < LABEL_MIN[device] - 0.05:
                problems.append(f"{path} diagram {index + 1}: {size}")
                continue
            # the layout shown at this width (the top-to-bottom one on a phone) is sound too
            shown = wrap.locator("svg.diagram").nth(0 if size["variant"] == "first" else 1)
            for problem in problems_of(shown.evaluate(MEASURE)):
                problems.append(f"{path} diagram {index + 1} ({size['variant']}): {problem}")
            wrap.scroll_into_view_if_needed()
            wrap.screenshot(path=str(SHOTS / device / f"{shot_name(path, index)}.png"))
    page.context.close()
    assert measured >= 80
    assert not problems, "\n".join(problems)
    recorder.assert_clean()


def test_without_javascript_labels_stay_readable_and_wide_diagrams_scroll(browser, site, site_url):
    page, recorder = new_page(browser, PHONE, js=False)
    problems, measured, scrolling = [], 0, 0
    for path in diagram_pages(site):
        for index, wrap in wraps_of(page, site_url, path, js=False):
            size = wrap.evaluate(LABEL_SIZE)
            frame = wrap.evaluate(
                "w => [getComputedStyle(w).overflowX, w.scrollWidth, w.clientWidth,"
                " w.hasAttribute('tabindex')]"
            )
            measured += 1
            if size is None or size["smallest"] < LABEL_MIN["phone"] - 0.05:
                problems.append(f"{path} diagram {index + 1}: {size}")
            if frame[0] != "auto" or frame[3]:
                problems.append(f"{path} diagram {index + 1}: frame {frame}")
            scrolling += frame[1] > frame[2] + 1
    page.context.close()
    assert measured >= 80
    assert scrolling >= 10  # wide diagrams are there to be scrolled, not shrunk
    assert not problems, "\n".join(problems)
    recorder.assert_clean()


def test_every_diagram_zooms_and_closes_by_keyboard(browser, site, site_url):
    page, recorder = new_page(browser, DESKTOP)
    (SHOTS / "zoom").mkdir(parents=True, exist_ok=True)
    problems, measured = [], 0
    for path in diagram_pages(site):
        for index, wrap in wraps_of(page, site_url, path):
            if wrap.get_attribute("tabindex") != "0" or wrap.get_attribute("role") != "button":
                problems.append(f"{path} diagram {index + 1}: not focusable as a button")
                continue
            wrap.focus()
            key = "Enter" if index % 2 == 0 else " "
            page.keyboard.press(key)
            zoomed = page.evaluate(ZOOMED)
            measured += 1
            where = f"{path} diagram {index + 1} ({key!r})"
            if zoomed is None:
                problems.append(f"{where}: {key!r} opened no zoomed view")
                continue
            if index == 0:
                page.screenshot(path=str(SHOTS / "zoom" / f"{shot_name(path, index)}.png"))
            problems += zoom_problems(where, zoomed)
            if index % 3 == 2:  # the close button, reached with Tab
                page.keyboard.press("Tab")
                page.keyboard.press("Enter")
            else:
                page.keyboard.press("Escape")
            state = wrap.evaluate(
                "w => [!!document.querySelector('.diagram-overlay'), document.activeElement === w]"
            )
            if state != [False, True]:
                problems.append(f"{where}: after closing, [overlay open, focus back] = {state}")
    page.context.close()
    assert measured >= 80
    assert not problems, "\n".join(problems)
    recorder.assert_clean()


def zoom_problems(where: str, zoomed: dict) -> list[str]:
    found = []
    if zoomed["role"] != "dialog" or zoomed["modal"] != "true" or not zoomed["label"]:
        found.append(f"{where}: overlay role/aria-modal/aria-label {zoomed}")
    if zoomed["smallest"] < ZOOM_LABEL_MIN - 0.05:
        found.append(f"{where}: zoomed labels {zoomed['smallest']:.1f} px")
    if not zoomed["focusInside"] or not zoomed["close"] or not zoomed["inScreen"]:
        found.append(f"{where}: focus, close button or screen fit wrong: {zoomed}")
    if zoomed["overflows"] and not zoomed["pans"]:
        found.append(f"{where}: larger than the screen but cannot be panned")
    return found


def test_every_diagram_zooms_by_touch_on_a_phone(browser, site, site_url):
    page, recorder = new_page(browser, PHONE)
    (SHOTS / "zoom-phone").mkdir(parents=True, exist_ok=True)
    problems, measured = [], 0
    for path in diagram_pages(site):
        for index, wrap in wraps_of(page, site_url, path):
            wrap.scroll_into_view_if_needed()
            wrap.tap()
            zoomed = page.evaluate(ZOOMED)
            measured += 1
            where = f"{path} diagram {index + 1} (tap)"
            if zoomed is None:
                problems.append(f"{where}: a tap opened no zoomed view")
                continue
            if index == 0:
                page.screenshot(path=str(SHOTS / "zoom-phone" / f"{shot_name(path, index)}.png"))
            problems += zoom_problems(where, zoomed)
            page.locator(".diagram-overlay__close").tap()
            if page.locator(".diagram-overlay").count():
                problems.append(f"{where}: the close button did not close it")
    page.context.close()
    assert measured >= 80
    assert not problems, "\n".join(problems)
    recorder.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_meets_wcag_aa_contrast(browser, site, site_url, scheme):
    page, recorder = new_page(browser, DESKTOP, scheme)
    problems, checked = [], 0
    shot_pages = {"zh/lifecycle/phases/", "en/storage/csi/", "en/lifecycle/termination/"}
    (SHOTS / scheme).mkdir(parents=True, exist_ok=True)
    for path in diagram_pages(site):
        scheme_used = None
        for index, wrap in wraps_of(page, site_url, path):
            if scheme_used is None:
                scheme_used = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                expected = "slate" if scheme == "dark" else "default"
                assert scheme_used == expected, (path, scheme_used)
            for item in wrap.evaluate(CONTRAST):
                checked += 1
                least = TEXT_CONTRAST if item["kind"] == "text" else LINE_CONTRAST
                if item["ratio"] < least - 0.005:
                    problems.append(
                        f"{path} diagram {index + 1}: {item['what']} {item['ratio']:.2f}:1 "
                        f"< {least}:1"
                    )
            if path in shot_pages:
                wrap.scroll_into_view_if_needed()
                wrap.screenshot(path=str(SHOTS / scheme / f"{shot_name(path, index)}.png"))
    page.context.close()
    assert checked > 1000
    assert not problems, "\n".join(sorted(set(problems)))
    recorder.assert_clean()


def test_the_contrast_check_catches_pale_text(browser, site_url):
    """The checker itself: a label in the light grey that the group titles used to have."""
    page, _ = new_page(browser, DESKTOP)
    page.goto(f"{site_url}/en/")
    page.set_content(
        '<body style="background:#fff"><div class="diagram-wrap"><svg class="diagram" '
        'viewBox="0 0 100 40" width="100" height="40">'
        '<rect class="shape" x="0" y="0" width="100" height="40" '
        'style="fill:rgba(0,0,0,0.07);stroke:rgba(0,0,0,0.32)"/>'
        '<text x="10" y="20" style="fill:rgba(0,0,0,0.54)">group</text></svg></div></body>'
    )
    found = page.locator(".diagram-wrap").evaluate(CONTRAST)
    page.context.close()
    ratios = {item["kind"]: round(item["ratio"], 2) for item in found}
    assert ratios == {"text": 4.42, "line": 2.23}, found
