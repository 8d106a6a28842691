"""Build GreenLedger for a clerk's PC: `python installer/build.py` from the repository root.

1. PyInstaller freezes the app from installer/greenledger.spec into dist/greenledger/
   (dist/greenledger/greenledger, or greenledger.exe + greenledger-cli.exe on Windows).
2. The licences of the bundled libraries are copied into dist/greenledger/licenses/.
3. On Linux: dist/greenledger_<version>_amd64.deb (installs under /opt/greenledger, a menu entry
   named 绿色台账, `greenledger` on the PATH) and a .tar.gz of the same folder.
   On Windows: installer/windows/greenledger.iss is compiled with Inno Setup when `iscc` is on
   the PATH (the GitHub workflow does that), giving dist/GreenLedger-<version>-setup.exe.

The ledger itself is never in the build: it lives in the user's data folder (platformdirs), so
installing, updating or removing the program leaves it where it is.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from greenledger_bundle import METADATA_PACKAGES, ROOT, deb_name  # noqa: E402

from services.about import APP_ID, VERSION  # noqa: E402

DIST = ROOT / "dist"
BUNDLE = DIST / "greenledger"
WORK = ROOT / "build" / "pyinstaller"
DEB_DEPENDS = [
    # What Qt's xcb platform plugin needs from the system (Debian, 统信UOS and 银河麒麟 names).
    "libc6 (>= 2.31)",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def freeze() -> None:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        sys.exit('PyInstaller is missing: pip install -e ".[installer]"')
    pyinstaller.run(
        [
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(HERE / "greenledger.spec"),
        ]
    )


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    files = [Path(str(dist.locate_file(f))) for f in dist.files or []]
    return [
        f for f in files if f.name.upper().startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE"))
    ]


def copy_licences(bundle: Path = BUNDLE) -> Path:
    """licenses/: GreenLedger's own, the fonts' (already in resources) and every library's."""
    target = bundle / "licenses"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "LICENSE", target / "GreenLedger-LICENSE.txt")
    summary = [f"GreenLedger {VERSION} — MIT licence (GreenLedger-LICENSE.txt)", ""]
    summary.append("Fonts: see _internal/resources/fonts/fonts.json and the LICENSE-* files there.")
    summary.append("")
    for name in METADATA_PACKAGES:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        copied = []
        for index, path in enumerate(_licence_files(dist)):
            if path.is_file():
                out = target / f"{name}-{index}-{path.name}"
                shutil.copy2(path, out)
                copied.append(out.name)
        licence = dist.metadata.get("License-Expression") or dist.metadata.get("License") or ""
        summary.append(f"{name} {dist.version}: {licence.splitlines()[0] if licence else ''}")
        summary += [f"    {file}" for file in copied]
    (target / "THIRD-PARTY.txt").write_text("\n".join(summary) + "\n", "utf-8")
    return target


def desktop_entry() -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=GreenLedger",
            "Name[zh_CN]=绿色台账",
            "GenericName=Project ledger",
            "GenericName[zh_CN]=生态文明建设项目台账",
            "Comment=Eco-civilization work plan: projects, investment, progress, briefings",
            "Comment[zh_CN]=生态文明建设工作方案：工程项目、计划投资、进度跟踪、简报",
            "Exec=/opt/greenledger/greenledger --open %f",
            "Icon=greenledger",
            "Terminal=false",
            "Categories=Office;Spreadsheet;",
            f"MimeType={XLSX_MIME};",
            "StartupWMClass=greenledger",
            "",
        ]
    )


def _control(installed_kb: int) -> str:
    return "\n".join(
        [
            f"Package: {APP_ID}",
            f"Version: {VERSION}",
            "Section: office",
            "Priority: optional",
            "Architecture: amd64",
            f"Installed-Size: {installed_kb}",
            f"Depends: {', '.join(DEB_DEPENDS)}",
            "Maintainer: GreenLedger developers <greenledger@localhost>",
            "Description: GreenLedger 绿色台账 — eco-civilization project ledger",
            " The district's engineering project table (工程项目表) with planned investment,",
            " responsible units and progress; Excel import and export in the official layout,",
            " charts and PDF briefings. Works offline on a local SQLite file.",
            "",
        ]
    )


POSTINST = """#!/bin/sh
set -e
# Refresh the menu and icon caches when the desktop provides the tools (UOS, Kylin, Debian).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
exit 0
"""


def build_deb(bundle: Path = BUNDLE, out_dir: Path = DIST) -> Path:
    """dist/greenledger_<version>_amd64.deb from the frozen folder (dpkg-deb, root-owned files)."""
    if shutil.which("dpkg-deb") is None:
        sys.exit("dpkg-deb is missing (Debian: apt-get install dpkg)")
    stage = ROOT / "build" / "deb" / deb_name().removesuffix(".deb")
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(bundle, stage / "opt" / "greenledger", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/greenledger/greenledger", stage / "usr" / "bin" / "greenledger")
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / "greenledger.desktop").write_text(desktop_entry(), "utf-8")
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "greenledger.svg", icons / "greenledger.svg")
    doc = stage / "usr" / "share" / "doc" / APP_ID
    doc.mkdir(parents=True)
    shutil.copy2(ROOT / "LICENSE", doc / "copyright")
    size_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file()) // 1024
    debian = stage / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(_control(size_kb), "utf-8")
    (debian / "postinst").write_text(POSTINST, "utf-8")
    (debian / "postinst").chmod(0o755)
    out = out_dir / deb_name()
    subprocess.run(
        ["dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(stage), str(out)], check=True
    )
    return out


def build_tarball(bundle: Path = BUNDLE, out_dir: Path = DIST) -> Path:
    out = out_dir / f"{APP_ID}-{VERSION}-linux-x86_64.tar.gz"
    with tarfile.open(out, "w:gz") as archive:
        archive.add(bundle, arcname=f"{APP_ID}-{VERSION}")
    return out


def build_windows_installer() -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        print("Inno Setup (iscc) not found: the one-folder app is in dist/greenledger")
        return None
    script = HERE / "windows" / "greenledger.iss"
    subprocess.run(
        [iscc, f"/DAppVersion={VERSION}", f"/DSourceDir={BUNDLE}", str(script)], check=True
    )
    return DIST / f"GreenLedger-{VERSION}-setup.exe"


def smoke_test(bundle: Path = BUNDLE) -> None:
    """The frozen program answers --version: its Python, imports and data are all there."""
    program = bundle / ("greenledger-cli.exe" if sys.platform == "win32" else "greenledger")
    result = subprocess.run(
        [str(program), "--version"], capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0 or VERSION not in result.stdout:
        sys.exit(f"the frozen program does not start: {result.stdout}{result.stderr}")


def folder_size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-freeze", action="store_true", help="package an existing dist/greenledger"
    )
    parser.add_argument("--no-package", action="store_true", help="only the frozen folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if not args.no_freeze:
        freeze()
    copy_licences()
    smoke_test()
    print(f"frozen app: {BUNDLE} ({folder_size_mb(BUNDLE):.0f} MB)")
    if not args.no_package:
        if sys.platform.startswith("linux"):
            print(f"package: {build_deb()}")
            print(f"tarball: {build_tarball()}")
        elif sys.platform == "win32":
            installer = build_windows_installer()
            if installer:
                print(f"installer: {installer}")
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
