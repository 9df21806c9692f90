"""Make ``policy_data-2.31``: the AWS Neuron data as it stood when the 2.31.1 docs were
published, for the release-notes how-to (these docs cannot rely on the repository's tags).

It copies ``policy_data/`` and undoes what came after 2.31.1: the 2.32.0 release, the PyTorch
2.9 (Trn2, Trn3) and 2.10 ranges that 2.32.0 closed and the two waivers about them, and a
correction of the 2.31.0 release date (2026-07-03, as one page had it, to 2026-07-07).

    python3 example_docs/howto/release-notes/make_earlier.py

Run it after changing ``policy_data/``; ``tests/test_example_docs.py`` checks that the copy is
what it makes.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "policy_data"
EARLIER = HERE / "policy_data-2.31"

#: Per file, (what the data says now, what it said then).
EDITS = {
    "sdk.yaml": [
        ("  - version: 2.32.0\n    released: 2026-08-17\n", ""),
        ("  - version: 2.31.0\n    released: 2026-07-07\n", "  - version: 2.31.0\n    released: 2026-07-03\n"),
    ],
    "dependencies/pytorch.yaml": [
        (
            '      - {range: ">=2.27, <2.32", platforms: [trn2, trn3]}\n',
            '      - {range: ">=2.27", platforms: [trn2, trn3]}\n',
        ),
        (
            '      - {range: ">=2.30, <2.32", platforms: [inf2, trn1, trn2, trn3]}\n',
            '      - {range: ">=2.30", platforms: [inf2, trn1, trn2, trn3]}\n',
        ),
    ],
}
#: Waivers that 2.32.0 made necessary: rule, subject.
LATER_WAIVERS = [("unannounced-eos", "pytorch 2.9"), ("unannounced-eos", "pytorch 2.10")]


def make(target: Path) -> None:
    """Write the earlier data into ``target`` (replaced if it exists)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(DATA, target)
    for name, edits in EDITS.items():
        text = (target / name).read_text(encoding="utf-8")
        for now, then in edits:
            if now not in text:
                raise SystemExit(f"{name}: {now.strip()!r} is no longer in the data; update make_earlier.py")
            text = text.replace(now, then)
        (target / name).write_text(text, encoding="utf-8")
    waivers = (target / "waivers.yaml").read_text(encoding="utf-8")
    for rule, subject in LATER_WAIVERS:
        entry = re.compile(rf"  - rule: {rule}\n    subject: {re.escape(subject)}\n(?:    .*\n)*?(?=  - rule|\S|\Z)")
        waivers, found = entry.subn("", waivers, count=1)
        if not found:
            raise SystemExit(f"waivers.yaml: no waiver of {rule} for {subject}; update make_earlier.py")
    (target / "waivers.yaml").write_text(waivers, encoding="utf-8")


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else EARLIER)
