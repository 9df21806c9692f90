"""Photograph the timeline of the AWS Neuron SDK policy page with headless Chromium, light and
dark, for the README and the docs: ``python example_docs/timeline-shots.py [OUT_DIR]``.

Builds these docs (with the date pinned by SOURCE_DATE_EPOCH if set), opens the page in
Chromium (Debian's, driven by Playwright from the ``browser`` extra) with the system in light
and then dark mode, and saves the timeline's frame as ``timeline.png`` and ``timeline-dark.png``
(default: example_docs/_static).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "_static"
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as build:
        html = Path(build) / "html"
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", f"{build}/doctrees", str(HERE), str(html)],
            check=True,
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for scheme, name in (("light", "timeline.png"), ("dark", "timeline-dark.png")):
                page = browser.new_page(viewport={"width": 1280, "height": 1000}, color_scheme=scheme)
                page.goto((html / "neuron-policy.html").as_uri(), wait_until="load")
                page.locator("#neuron-timeline").screenshot(path=str(out / name))
                print(f"wrote {out / name}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
