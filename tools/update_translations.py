"""Refresh the translation catalogues from the source and compile them.

One catalogue per language, as Qt projects keep them: `resources/i18n/greenledger_<lang>.ts`
holds every string the UI marks with tr(), QCoreApplication.translate() or QT_TRANSLATE_NOOP().
pyside6-lupdate keeps existing translations, adds new strings as unfinished and, with
-no-obsolete, drops strings no source uses any more; pyside6-lrelease then writes the .qm the
app loads. `qtgaps_<lang>.ts` is different: Qt's own strings that Qt's catalogue lacks, kept by
hand, so it is only compiled here.

    python tools/update_translations.py          # after changing UI strings
    python tools/update_translations.py --check  # exit 1 if a string is missing or gone
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
SOURCE_DIRS = ("app", "views", "widgets", "services")
HAND_KEPT = "qtgaps"


def ui_sources() -> list[Path]:
    """Every Python file that may mark a string for translation (lupdate skips the rest)."""
    return sorted(path for folder in SOURCE_DIRS for path in (ROOT / folder).rglob("*.py"))


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"{name} not found: pip install PySide6")
    return found


def update_catalogue(ts: Path) -> None:
    sources = [str(path.relative_to(ROOT)) for path in ui_sources()]
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "relative",
            *sources,
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def compile_catalogue(ts: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
        check=True,
        capture_output=True,
    )


def unfinished(ts: Path) -> int:
    return ts.read_text(encoding="utf-8").count('type="unfinished"')


def messages(ts: Path) -> dict[tuple[str, str, str], str]:
    """(context, source, comment) -> translation of every live message; locations left out."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = "" if translation is None else ET.tostring(translation, encoding="unicode")
    return found


def is_current(ts: Path) -> bool:
    """Would lupdate add or drop a message? Line numbers moving with the code do not count.
    Checked on a copy beside the catalogue (its locations are relative to its folder)."""
    copy = ts.with_name(f".{ts.stem}.check.ts")
    shutil.copy(ts, copy)
    try:
        update_catalogue(copy)
        return messages(copy) == messages(ts)
    finally:
        copy.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; change nothing")
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        ts = I18N / f"greenledger_{language}.ts"
        if args.check:
            if not is_current(ts):
                print(f"{ts.name}: out of date, run python tools/update_translations.py")
                status = 1
            continue
        update_catalogue(ts)
        compile_catalogue(ts)
        compile_catalogue(I18N / f"greenledger_{HAND_KEPT}_{language}.ts")
        left = unfinished(ts)
        print(f"{ts.name}: {left} unfinished" if left else f"{ts.name}: complete")
        status = status or int(bool(left))
    return status


if __name__ == "__main__":
    sys.exit(main())
