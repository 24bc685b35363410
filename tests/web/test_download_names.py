"""Download names: ASCII fallback plus RFC 6266 filename*, proved against real gunicorn.

The test client accepts any header; gunicorn refuses a header value that is not Latin-1,
which is how an Arabic audit title made the .docx, .md and JSON downloads answer 500.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from finder.store.migrate import upgrade
from finder.web.downloads import ascii_filename, attachment, slug
from tests.conftest import TEST_CATALOG
from tests.test_scale_out import Client, free_port

ROOT = Path(__file__).resolve().parents[2]
ARABIC = "تدقيق الأسبوع الدراسي"  # "school-week audit"


def test_ascii_names_keep_their_extension():
    assert ascii_filename("Café Ñandú.docx") == "Cafe-Nandu.docx"
    assert ascii_filename(f"{ARABIC}-3.md") == "3.md"
    assert ascii_filename(f"{ARABIC}.json") == "download.json"
    assert attachment("plain-1.csv") == {
        "Content-Disposition": 'attachment; filename="plain-1.csv"'
    }
    header = attachment(f"{ARABIC}-3.md")["Content-Disposition"]
    header.encode("latin-1")  # what a WSGI server requires
    assert header.startswith("attachment; filename=\"3.md\"; filename*=UTF-8''")
    assert urllib.parse.unquote(header.split("''", 1)[1]) == f"{ARABIC}-3.md"


@pytest.mark.parametrize(
    ("title", "limit", "expected"),
    [
        (
            "Four-day week: Friday internships, 2027-28",
            80,
            "four-day-week-friday-internships-2027-28",
        ),
        ("Seat time — 2027–28 (pilot) #2", 80, "seat-time-2027-28-pilot-2"),
        # cut at a hyphen, never inside a word or a number
        ("Four-day week: Friday internships, 2027-28", 30, "four-day-week-friday"),
        ("Supercalifragilistic", 5, "super"),
        (ARABIC, 80, "تدقيق-الأسبوع-الدراسي"),
        # vowel signs are marks, not separators: the words stay whole
        ("परीक्षा योजना 2027", 80, "परीक्षा-योजना-2027"),
        ("Café Ñandú", 80, "café-ñandú"),
        (" -- ", 80, "audit"),
    ],
)
def test_slug_keeps_a_titles_words_and_numbers(title, limit, expected):
    assert slug(title, limit, "audit") == expected


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn")
    url = f"sqlite:///{folder / 'finder.sqlite3'}"
    upgrade(url)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "download-names",
        "FINDER_INSTANCE_DIR": str(folder),
        "FINDER_INDEX_DIR": str(folder / "index"),
        "FINDER_CATALOG_DIRS": str(TEST_CATALOG),
        "FINDER_CATALOG_REPLACE": "1",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "finder:create_app()",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=15)
    process.stderr.close()


def _download(client: Client, url: str):
    try:
        with client.opener.open(url, timeout=20) as r:
            return r.status, r.headers.get("Content-Disposition", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, "", e.read()


def test_arabic_title_downloads_in_every_format_under_gunicorn(server):
    client = Client()
    password = "correct horse battery"
    assert (
        client.post(
            server + "/signup",
            {
                "csrf_token": client.token(server + "/signup"),
                "name": "Layla",
                "email": "layla@example.org",
                "password": password,
                "confirm": password,
            },
        )[0]
        == 302
    )
    assert (
        client.post(
            server + "/teams",
            {"csrf_token": client.token(server + "/teams"), "name": "مدرسة"},
        )[0]
        == 302
    )
    _, page = client.get(server + "/teams")
    team = BeautifulSoup(page, "html.parser").select_one("tbody th a")["href"]
    new = server + team + "/audits/new"
    assert (
        client.post(
            new, {"csrf_token": client.token(new), "title": ARABIC, "state": "TX"}
        )[0]
        == 302
    )
    _, index = client.get(server + team + "/audits")
    audit = (
        server + BeautifulSoup(index, "html.parser").select_one("tbody th a")["href"]
    )
    document = audit + "/document"
    assert (
        client.post(
            document,
            {
                "csrf_token": client.token(document),
                "status": "draft",
                "include-vision": "1",
            },
        )[0]
        == 302
    )
    _, listing = client.get(document)
    link = BeautifulSoup(listing, "html.parser").select_one("table.data tbody tr a")[
        "href"
    ]
    urls = [
        server + link.rsplit(".", 1)[0] + f".{fmt}" for fmt in ("docx", "md", "html")
    ]
    urls += [f"{audit}/export.{fmt}" for fmt in ("json", "yaml", "csv")]
    urls.append(server + "/compare.csv")
    for url in urls:
        status, disposition, body = _download(client, url)
        assert status == 200, (url, body[:200])  # was: 500 for .docx, .md and .json
        assert disposition.startswith('attachment; filename="'), url
        if "compare" not in url:
            name = urllib.parse.unquote(disposition.split("filename*=UTF-8''", 1)[1])
            assert ARABIC.replace(" ", "-") in name or ARABIC in name, name
