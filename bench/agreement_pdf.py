"""Benchmark: the traineeship agreement PDF (职业见习协议), rendered by WeasyPrint.

    cd /work/main && DJANGO_SETTINGS_MODULE=jiexi.settings .venv/bin/python bench/agreement_pdf.py [--runs 20]
    ... bench/agreement_pdf.py --variants   # also time other font set-ups, to see where the time goes

One traineeship with realistic data (the trainee 吉𠮷, U+20BB7 beyond the BMP, and the mentor
刘䶮, U+4DAE) is created in a throwaway SQLite database in a temp dir; then
internships.documents.agreement_pdf renders it once to warm up (fontconfig, Pango and the
font files are loaded on the first render) and --runs times more, timed with
time.perf_counter. Reported: median, min and max seconds per PDF; the PDF size; the split
of one render between the Django template, WeasyPrint's layout and the PDF writer (where
the fonts are subset); and the fonts embedded in the PDF, read with pypdf (and `pdffonts`
when installed). Settings are production-like: DEBUG off. With --variants the same HTML is
also rendered with one font family, with a reused FontConfiguration, and with WeasyPrint's
fontTools fallback (what a server without libharfbuzz-subset0 gets).
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RARE = ("𠮷", "䶮")


def set_up_django(folder: Path) -> None:
    """Point Django at a fresh SQLite file and upload folder, then migrate quietly."""
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["UPLOAD_ROOT"] = str(folder / "uploads")
    os.environ["DEBUG"] = "False"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiexi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_traineeship():
    """A verified public institution, a published position, a 厦门生源 graduate, a draft."""
    import datetime

    from tests.employers.factories import EmployerFactory
    from tests.internships.factories import TraineeshipFactory
    from tests.positions.factories import PositionFactory
    from tests.trainees.factories import PersonFactory

    employer = EmployerFactory(
        name="厦门市思明区人力资源和社会保障局",
        kind="agency",
        address="厦门市思明区湖滨北路61号",
    )
    position = PositionFactory(
        employer=employer,
        status="published",
        title="政务服务窗口见习生",
        duties="协助政务服务大厅窗口受理社保、就业业务；引导群众取号、填表；整理归档业务材料。",
        address=employer.address,
        months_offered=6,
    )
    person = PersonFactory(
        registered_by=employer,
        status="approved",
        origin=True,
        name="吉𠮷",
        school_name="集美大学",
        major="行政管理",
        certificate_date=datetime.date(2026, 6, 28),
    )
    return TraineeshipFactory(
        employer=employer,
        person=person,
        position=position,
        start=datetime.date(2027, 1, 4),
        end=datetime.date(2027, 7, 3),
        mentor="刘䶮",
        work_content=position.duties
        + "第一个月熟悉单位规章制度和业务流程，在带教老师指导下完成基础工作；此后逐步独立承担日常事务。",
    )


def time_renders(traineeship, runs: int) -> tuple[list[float], bytes]:
    from internships.documents import agreement_pdf

    pdf = agreement_pdf(traineeship)  # warm-up
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        pdf = agreement_pdf(traineeship)
        seconds.append(time.perf_counter() - began)
    return seconds, pdf


def split_one_render(traineeship) -> dict[str, float]:
    """One render in its three stages, as internships.documents runs them."""
    from weasyprint import HTML

    from internships.documents import agreement_html

    began = time.perf_counter()
    html = agreement_html(traineeship)
    templated = time.perf_counter()
    document = HTML(string=html).render()
    laid_out = time.perf_counter()
    document.write_pdf()
    written = time.perf_counter()
    return {"template": templated - began, "layout": laid_out - templated, "pdf + fonts": written - laid_out}


def embedded_fonts(path: Path) -> list[str]:
    """Each font resource of the PDF: name, type, and whether its file is embedded."""
    from pypdf import PdfReader

    seen = {}
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor", {})
            files = [key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor]
            kind = f"{font['/Subtype']}/{descendant.get('/Subtype', '')}"
            if files:
                inflated = len(descriptor[files[0]].get_object().get_data())
                embedded = f"embedded ({files[0][1:]}, {inflated / 1024:.0f} KB inflated)"
            else:
                embedded = "NOT embedded"
            seen[str(font["/BaseFont"])] = f"{font['/BaseFont']}  {kind}  {embedded}"
    return list(seen.values())


def text_has_rare_characters(path: Path) -> bool:
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return all(char in text for char in RARE)


def report(seconds: list[float], pdf: bytes, split: dict[str, float], path: Path) -> None:
    import weasyprint

    print(
        f"Agreement PDF, {len(seconds)} renders after one warm-up (WeasyPrint {weasyprint.__version__}, "
        f"Python {platform.python_version()})"
    )
    print(
        f"  median {statistics.median(seconds):.3f} s   min {min(seconds):.3f} s   max {max(seconds):.3f} s"
    )
    print(f"  size   {len(pdf) / 1024:.1f} KB")
    print("  one render: " + ", ".join(f"{stage} {value:.3f} s" for stage, value in split.items()))
    print(f"  rare characters 𠮷 䶮 in the extracted text: {text_has_rare_characters(path)}")
    print("  embedded fonts (pypdf):")
    for line in embedded_fonts(path):
        print(f"    {line}")
    if shutil.which("pdffonts"):
        print("  pdffonts:")
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=False)
        for line in listing.stdout.splitlines():
            print(f"    {line}")


SERIF, SANS = '"Noto Serif CJK SC", serif', '"Noto Sans CJK SC", sans-serif'


def measure(render, runs: int) -> str:
    pdf = render()  # warm-up
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        pdf = render()
        seconds.append(time.perf_counter() - began)
    return f"median {statistics.median(seconds):.3f} s  min {min(seconds):.3f} s  {len(pdf) / 1024:.0f} KB"


def variants(traineeship, runs: int) -> None:
    """The same agreement rendered other ways, to see where the time goes (internships/ is
    left as it is: the HTML is changed here, after the template rendered it)."""
    import logging

    import weasyprint.pdf.fonts
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from internships.documents import agreement_html

    html, shared = agreement_html(traineeship), FontConfiguration()
    cases = {
        "as internships.documents.to_pdf does": lambda: HTML(string=html).write_pdf(),
        "one FontConfiguration reused": lambda: HTML(string=html).write_pdf(font_config=shared),
        "one family: Noto Sans CJK SC throughout": lambda: HTML(string=html.replace(SERIF, SANS)).write_pdf(),
        "one family: Noto Serif CJK SC throughout": lambda: HTML(
            string=html.replace(SANS, SERIF)
        ).write_pdf(),
        "Sans throughout + FontConfiguration reused": lambda: HTML(
            string=html.replace(SERIF, SANS)
        ).write_pdf(font_config=shared),
    }
    print("  variants:")
    for label, render in cases.items():
        print(f"    {label:45s} {measure(render, runs)}")
    subset, weasyprint.pdf.fonts.harfbuzz_subset = weasyprint.pdf.fonts.harfbuzz_subset, None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # the fontTools fallback warns per font
    try:
        label = "fontTools subsetting (no libharfbuzz-subset0)"
        print(f"    {label:45s} {measure(cases['as internships.documents.to_pdf does'], 2)}")
    finally:
        weasyprint.pdf.fonts.harfbuzz_subset = subset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed renders after the warm-up (default 20)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, uploads, PDF)")
    parser.add_argument(
        "--variants", action="store_true", help="also time other font set-ups (see variants())"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="jiexi-bench-pdf-"))
    try:
        set_up_django(folder)
        traineeship = make_traineeship()
        seconds, pdf = time_renders(traineeship, args.runs)
        path = folder / "agreement.pdf"
        path.write_bytes(pdf)
        report(seconds, pdf, split_one_render(traineeship), path)
        if args.variants:
            variants(traineeship, args.runs)
    finally:
        if args.keep:
            print(f"  kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
