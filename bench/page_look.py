"""Compare how two builds of the site look: the same pages, screenshotted in Chromium at a phone
and a desktop width in the light and dark palettes, compared pixel by pixel.

For a change that should alter only the bytes of a page (bench/page_weight.py), not its look:
build the site before and after, then

    .venv/bin/python bench/page_look.py BEFORE_SITE AFTER_SITE [--pages a/,en/b/] [--out DIR]

Prints, per page, view (phone, phone with the navigation drawer open, desktop) and palette,
the share of pixels that differ and the largest colour difference (0–255); writes both
screenshots and a difference image (changed pixels in red) to ``--out`` for a person to look
at. Exit status 1 when a screenshot differs in size (a layout change), 0 otherwise: small
anti-aliasing differences are for the reader of the table to judge.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PAGES = (
    "lifecycle/phases/",
    "en/lifecycle/phases/",
    "storage/pv-pvc/",
    "en/storage/csi/",
    "workloads/autoscaling/",
    "en/health/probes/",
    "en/reference/sources/",
    "contributing/guide/",
    "en/",
)
VIEWPORTS = {"phone": (390, 844), "drawer": (390, 844), "desktop": (1280, 900)}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
# Compares two PNG data URLs in the page: (share of differing pixels, largest channel
# difference, a PNG data URL of the difference), or null when the sizes differ.
COMPARE = """async ([a, b]) => {
  const load = (src) => new Promise((ok) => { const i = new Image(); i.onload = () => ok(i);
    i.src = src; });
  const [x, y] = [await load(a), await load(b)];
  if (x.width !== y.width || x.height !== y.height) return null;
  const canvas = (img) => { const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height; const g = c.getContext("2d");
    g.drawImage(img, 0, 0); return [c, g.getImageData(0, 0, c.width, c.height)]; };
  const [cx, dx] = canvas(x); const [, dy] = canvas(y);
  let changed = 0, worst = 0;
  const out = new ImageData(x.width, x.height);
  for (let i = 0; i < dx.data.length; i += 4) {
    let d = 0;
    for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs(dx.data[i + k] - dy.data[i + k]));
    const grey = (dx.data[i] + dx.data[i + 1] + dx.data[i + 2]) / 3;
    if (d > 0) { changed++; worst = Math.max(worst, d);
      out.data.set([255, 0, 0, 255], i); } else { out.data.set([grey, grey, grey, 60], i); }
  }
  cx.getContext("2d").putImageData(out, 0, 0);
  return [changed / (dx.data.length / 4), worst, cx.toDataURL("image/png")];
}"""


@contextlib.contextmanager
def served(folder: Path, port: int):
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def shot(browser, url: str, size: tuple[int, int], scheme: str, drawer: bool = False) -> bytes:
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, color_scheme=scheme, locale="zh-CN"
    )
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.add_style_tag(content="*{transition:none!important;animation:none!important}")
    if drawer:  # the sidebar as a phone shows it, with the page's table of contents
        page.click('label.md-header__button[for="__drawer"]')
        page.click('label.md-nav__link[for="__toc"]')
    page.wait_for_timeout(300)
    data = page.screenshot(full_page=not drawer)
    context.close()
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--out", type=Path, default=Path("/tmp/kubenotes-page-look"))
    parser.add_argument("--port", type=int, default=8731)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    status = 0
    with (
        served(args.before, args.port) as before,
        served(args.after, args.port + 1) as after,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        judge = browser.new_page()
        print(f"{'page':<28} {'view':<8} {'scheme':<6} {'pixels changed':>15} {'max diff':>9}")
        for path in args.pages.split(","):
            for view, size in VIEWPORTS.items():
                for scheme in ("light", "dark"):
                    drawer = view == "drawer"
                    a = shot(browser, before + path, size, scheme, drawer)
                    b = shot(browser, after + path, size, scheme, drawer)
                    name = f"{path.strip('/').replace('/', '_') or 'home'}-{view}-{scheme}"
                    (args.out / f"{name}-before.png").write_bytes(a)
                    (args.out / f"{name}-after.png").write_bytes(b)
                    urls = [f"data:image/png;base64,{base64.b64encode(x).decode()}" for x in (a, b)]
                    result = judge.evaluate(COMPARE, urls)
                    if result is None:
                        status = 1
                        print(f"{path:<28} {view:<8} {scheme:<6} {'size differs':>15}")
                        continue
                    share, worst, diff = result
                    png = base64.b64decode(diff.split(",", 1)[1])
                    (args.out / f"{name}-diff.png").write_bytes(png)
                    print(f"{path:<28} {view:<8} {scheme:<6} {share:14.4%} {worst:9d}")
        browser.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
