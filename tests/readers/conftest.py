"""Reader fixtures: corpus documents read once per session, and hostile inputs built in memory."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from extractors.document import Document, make_doc_id
from extractors.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
_BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
_READ: dict[str, Document] = {}


def read_corpus(rel: str) -> Document:
    """Gives the Document of a corpus file, read at most once per session."""
    if rel not in _READ:
        path = CORPUS / rel
        _READ[rel] = read_document(path.read_bytes(), doc_id=make_doc_id(rel), source_path=str(path))
    return _READ[rel]


@pytest.fixture(scope="session")
def accuracy_refs():
    """Gives benchmarks/accuracy_refs.py as a module: the benchmark's own scorers (token F1,
    twin references, titles), so tests and benchmark measure the same way."""
    sys.path.insert(0, str(_BENCH))  # accuracy_refs imports its sibling modules
    spec = importlib.util.spec_from_file_location("litcurate_accuracy_refs", _BENCH / "accuracy_refs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def corpus_document() -> Callable[[str], Document]:
    """Gives `read_corpus`, for tests parametrized over corpus files (each read once per session)."""
    return read_corpus


@pytest.fixture(scope="session")
def panda_jats() -> Document:
    return read_corpus("jats/PMC4632522_giant-panda-milk.nxml")


@pytest.fixture(scope="session")
def elife_jats() -> Document:
    return read_corpus("jats/elife04490.xml")


@pytest.fixture(scope="session")
def peerj_html() -> Document:
    return read_corpus("html/peerj-727_wwox-zebrafish.html")


@pytest.fixture(scope="session")
def trials_html() -> Document:
    return read_corpus("html/trials-16-2_drug-monitoring-adverse-events.html")


@pytest.fixture(scope="session")
def trials_bmc() -> Document:
    return read_corpus("jats/trials-16-2_drug-monitoring-adverse-events.bmc.xml")


@pytest.fixture(scope="session")
def trials_pdf() -> Document:
    return read_corpus("pdf/trials-16-2_drug-monitoring-adverse-events.pdf")


@pytest.fixture(scope="session")
def hindawi_pdf() -> Document:
    return read_corpus("pdf/cermine-test2_hindawi-heart-failure-programmes.pdf")


def pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """Gives a well-formed PDF of the numbered objects, with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer_extra, xref)
    )
    return out.getvalue()


_PAGE_OBJECTS = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
]


@pytest.fixture(scope="session")
def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose user password is not empty."""
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
        b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    )
    objects = [*_PAGE_OBJECTS, b"<< /Length 0 >>\nstream\n\nendstream", encrypt]
    return pdf_bytes(objects, b"/Encrypt 5 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ")


@pytest.fixture(scope="session")
def image_only_pdf() -> bytes:
    """A PDF whose page draws a filled shape and no text: what a scan looks like to a reader."""
    content = b"0.5 g 72 72 468 648 re f"
    objects = [*_PAGE_OBJECTS, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    return pdf_bytes(objects)


@pytest.fixture(scope="session")
def panda_pdf() -> Document:
    return read_corpus("pdf/PMC4632522_giant-panda-milk.pdf")


@pytest.fixture(scope="session")
def helminth_jats() -> Document:
    return read_corpus("jats/PMC4046940_helminth-plasmodium-coinfection.nxml")


def _print_pdf(html: Path, pdf: Path, *, header_footer: bool = True) -> Path:
    """Prints an HTML file to PDF with headless Chromium; gives the PDF's path."""
    chromium = shutil.which("chromium")
    if chromium is None:  # CI installs it (.ci/run); a silent skip would hide the test
        pytest.fail("chromium is needed: apt-get install -y chromium")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            *([] if header_footer else ["--no-pdf-header-footer"]),
            f"--user-data-dir={pdf.parent / 'chromium-profile'}",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return pdf


@pytest.fixture(scope="session")
def print_pdf() -> Callable[..., Path]:
    """Gives the function that prints an HTML file to PDF with headless Chromium (the renderings'
    and invented pages' tests)."""
    return _print_pdf
