"""Copy the best screenshots of the browser tests into docs/screenshots/ for the README.

The tests write every page type at 375 and 1280 px to test-artifacts/screenshots/ (not
committed). This keeps the top of a few of them, reduced to 256 colours, so the committed
PNGs stay small. Run it after the browser tests: ``make test-browser doc-screenshots``.
"""

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "test-artifacts" / "screenshots"
TARGET = ROOT / "docs" / "screenshots"

# (screenshot the tests wrote, name under docs/screenshots/, height kept in pixels)
PICKS = [
    ("home-1280.png", "home-desktop.png", 800),
    ("home-375.png", "home-phone.png", 740),
    ("news-filtered-375.png", "news-filters-phone.png", 1040),
    ("article-high-contrast-large-text-375.png", "reading-aids-phone.png", 740),
    ("flow-admin-review-1280.png", "review-desktop.png", 720),
]


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    missing = [name for name, _, _ in PICKS if not (SOURCE / name).exists()]
    if missing:
        print(f"Run the browser tests first; missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    for name, target, height in PICKS:
        with Image.open(SOURCE / name) as image:
            top = image.convert("RGB").crop((0, 0, image.width, min(height, image.height)))
            small = top.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
            small.save(TARGET / target, optimize=True)
        print(f"docs/screenshots/{target}: {(TARGET / target).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
