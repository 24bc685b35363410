"""The document import at the size the issue names: 300 candidate rules.

Measures, in one run and in-process: reading the candidates from a 300-item Word policy
manual and a 300-row HTML waiver table, and the preview page for each (upload through
the app to HTML), next to the reference taken in the same run: the spreadsheet import's
preview of the same 300 rules as CSV. Prints the times and the ratios to the reference.

    .venv/bin/python bench/document_import.py [--json] [--rounds N]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

from finder import create_app
from finder.audit.extract import extract_candidates
from finder.config import shipped_catalog_dir
from finder.store.migrate import upgrade

N = 300
RULE = "Students in program {n} must complete {h} hours of seat time under Tex. Educ. Code § 25.{s:03d}."


def manual_docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("EHDC(LOCAL)", level=2)
    for n in range(N):
        doc.add_paragraph(f"{n + 1}. " + RULE.format(n=n, h=100 + n, s=n))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def waiver_html() -> bytes:
    rows = "".join(
        f"<tr><td>Tex. Educ. Code § 25.{n:03d}</td><td>Students in program {n} must "
        f"complete {100 + n} hours of seat time</td><td>Competency plan {n}</td></tr>"
        for n in range(N)
    )
    return (
        "<html><body><h1>Waiver request</h1><table><tr><th>Statute</th>"
        f"<th>Requirement</th><th>Replacement plan</th></tr>{rows}</table></body></html>"
    ).encode()


def rules_csv() -> bytes:
    lines = ["Rule,Where it comes from,Citation"] + [
        f'"Students in program {n} must complete {100 + n} hours of seat time",State statute,'
        f"Tex. Educ. Code § 25.{n:03d}"
        for n in range(N)
    ]
    return "\n".join(lines).encode()


def _timed(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    docx, html, csv = manual_docx(), waiver_html(), rules_csv()
    with tempfile.TemporaryDirectory() as tmp:
        upgrade(f"sqlite:///{tmp}/bench.sqlite3")
        app = create_app(
            {
                "TESTING": True,
                "WTF_CSRF_ENABLED": False,
                "CATALOG_DIRS": [str(shipped_catalog_dir())],
                "INDEX_DIR": str(Path(tmp) / "index"),
                "SECRET_KEY": "bench",
                "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            }
        )
        client = app.test_client()
        password = "correct horse battery"
        client.post(
            "/signup",
            data={
                "name": "B",
                "email": "b@example.org",
                "district": "X",
                "password": password,
                "confirm": password,
            },
        )
        team = client.post("/teams", data={"name": "Bench ISD"}).headers["Location"]
        team_id = int(team.rstrip("/").split("/")[-1])
        made = client.post(
            f"/teams/{team_id}/audits/new",
            data={
                "title": "Bench",
                "district": "X",
                "state": "TX",
                "innovation": "x",
                "outcome": "y",
            },
        )
        audit_id = int(re.search(r"/audits/(\d+)/", made.headers["Location"]).group(1))
        base = f"/teams/{team_id}/audits/{audit_id}"

        def upload(path: str, field: str, data: bytes, name: str, marker: str):
            def run():
                response = client.post(
                    f"{base}/{path}",
                    data={field: (io.BytesIO(data), name), "version": "1"},
                    content_type="multipart/form-data",
                )
                body = response.get_data(as_text=True)
                assert response.status_code == 200, response.status_code
                assert body.count(marker) >= N, body.count(marker)

            return run

        figures = {
            "extract_docx_ms": _timed(
                lambda: extract_candidates(docx, "m.docx", "TX"), args.rounds
            ),
            "extract_html_ms": _timed(
                lambda: extract_candidates(html, "w.html", "TX"), args.rounds
            ),
            "preview_docx_ms": _timed(
                upload("rules/document", "document", docx, "m.docx", 'name="include-'),
                args.rounds,
            ),
            "preview_html_ms": _timed(
                upload("rules/document", "document", html, "w.html", 'name="include-'),
                args.rounds,
            ),
            "reference_csv_preview_ms": _timed(
                upload("rules/import", "file", csv, "rules.csv", 'name="skip-'),
                args.rounds,
            ),
        }
        app.extensions["finder.engine"].dispose()
    ref = figures["reference_csv_preview_ms"]
    figures["preview_docx_ratio"] = figures["preview_docx_ms"] / ref
    figures["preview_html_ratio"] = figures["preview_html_ms"] / ref
    if args.json:
        print(json.dumps({k: round(v, 2) for k, v in figures.items()}, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:28} {value:8.1f}")


if __name__ == "__main__":
    main()
