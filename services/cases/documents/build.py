"""Build the shipped .docx templates from `layouts.LAYOUTS`: `python -m
services.cases.documents.build` writes `templates/<code>.docx` (committed, reviewable, and
byte-for-byte reproducible: fixed core properties and zip timestamps).

The generic builder (fonts on the styles, A4, GB/T 9704 margins, zip normalisation) lives in
`common.docbuild`. Officials open and edit the result in Word or WPS."""

from __future__ import annotations

from pathlib import Path

from common.docbuild import build_one, normalise_zip, set_fonts  # noqa: F401 (re-exported)
from services.cases.documents.layouts import LAYOUTS

TEMPLATES = Path(__file__).parent / "templates"


def main() -> None:
    TEMPLATES.mkdir(exist_ok=True)
    for code, blocks in LAYOUTS.items():
        (TEMPLATES / f"{code}.docx").write_bytes(build_one(blocks))
    print(f"{len(LAYOUTS)} templates written to {TEMPLATES}")


if __name__ == "__main__":
    main()
