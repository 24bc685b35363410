"""Publishing an audit's outcome through the pages: choose, preview, publish, see it on
every public view, change the audit without leaking it, unpublish and see it gone."""

from __future__ import annotations

import io
import json

import pytest
from bs4 import BeautifulSoup

from finder.audit.model import AuditData, AuditRule, Metric
from finder.store import audits as audit_store
from finder.store.models import User
from finder.web import db

SECRET = "Raised by Principal Ortega"


def audit_data() -> AuditData:
    return AuditData(
        "Early start calendar",
        "TX",
        district="Mesa ISD",
        innovation="A calendar that starts in early August.",
        rules=[
            AuditRule(
                "School may not start before the fourth Monday in August",
                "state_statute",
                "TEC 25.0811",
                "calendar",
                raised_by=SECRET,
                decision="unnecessary_control",
                mechanisms=["tx-districts-of-innovation"],
                rationale="A longer fall term before testing.",
                replacement_plan="Families get the calendar a year ahead.",
            ),
            AuditRule(
                "Services in each student's IEP",
                "federal_law",
                "20 U.S.C. § 1412",
                "student_services",
                decision="essential_oversight",
            ),
        ],
        metrics=[Metric("engagement", "Attendance in August", owner="Dr. Ortega")],
    )


def stored(app, team_id: int, data: AuditData):
    """``data`` saved as a new audit of the team, by Ana (signed up first)."""
    with app.app_context():
        s = db.session()
        user = s.query(User).filter_by(email="ana@example.org").one()
        return audit_store.create_audit(s, team_id, user, data)


@pytest.fixture
def owner(browser, app):
    """Ana owns "Mesa team" with one decided audit; (team id, audit id)."""
    browser.signup()
    team_id = browser.create_team("Mesa team")
    with app.app_context():
        s = db.session()
        user = s.query(User).filter_by(email="ana@example.org").one()
        audit = audit_store.create_audit(s, team_id, user, audit_data())
        return team_id, audit.id


def text_of(response) -> str:
    return BeautifulSoup(response.data, "html.parser").get_text(" ", strip=True)


def choose(browser, team_id, audit_id, names, version="1"):
    base = f"/teams/{team_id}/audits/{audit_id}/publish"
    data = {"version": version, **{n: "y" for n in names}}
    return base, browser.post(base + "/preview", data, form_page=base)


def publish(browser, team_id, audit_id, names, version="1"):
    base, preview = choose(browser, team_id, audit_id, names, version)
    assert preview.status_code == 200
    data = {"version": version, **{n: "y" for n in names}}
    return preview, browser.post(base, data, form_page=base)


def public_views(client) -> dict[str, str]:
    """Every public place a case can appear, as text."""
    return {
        "list": text_of(client.get("/cases")),
        "national": text_of(client.get("/barriers")),
        "state": text_of(client.get("/barriers/TX")),
        "csv": client.get("/barriers/TX.csv").get_data(as_text=True),
        "feed": client.get("/cases.atom").get_data(as_text=True),
        "api_cases": client.get("/api/v1/cases").get_data(as_text=True),
        "api_barriers": client.get("/api/v1/barriers?state=TX").get_data(as_text=True),
        "entry": text_of(client.get("/flexibilities/tx-districts-of-innovation")),
    }


def test_the_owner_previews_publishes_and_unpublishes(browser, owner, app):
    team_id, audit_id = owner
    choice_page = browser.client.get(f"/teams/{team_id}/audits/{audit_id}/publish")
    assert choice_page.status_code == 200
    assert "Name the district" in text_of(choice_page)
    # the help names the audit's state, never a placeholder
    assert "a district in Texas" in text_of(choice_page)
    assert not any(p in text_of(choice_page) for p in ("<state>", "{state}"))

    chosen = ["title", "rules", "mechanisms", "rationales", "named"]
    preview, done = publish(browser, team_id, audit_id, chosen)
    shown = text_of(preview)
    assert "Preview: what the public will see" in shown
    assert "Mesa ISD (Texas): Early start calendar" in shown
    assert "A longer fall term before testing." in shown
    assert "A calendar that starts in early August." not in shown  # not chosen
    assert "Attendance in August" not in shown  # metrics not chosen
    assert done.status_code == 302
    case_url = done.headers["Location"]
    case_id = int(case_url.rsplit("/", 1)[1])

    public = app.test_client()  # a visitor, signed out
    page = text_of(public.get(case_url))
    assert "Mesa ISD (Texas): Early start calendar" in page
    assert "Tex. Educ. Code § 25.0811" in page
    assert "Districts of Innovation" in page
    views = public_views(public)
    for where, body in views.items():
        assert "Mesa ISD" in body, where
    assert "Tex. Educ. Code § 25.0811" in views["state"]
    assert "1 rule judged unnecessary control." in views["feed"]
    assert "1 rules" not in views["feed"]
    rows = public.get("/api/v1/barriers?state=TX").json["rows"]
    assert [(r["rule"], r["districts"]) for r in rows] == [
        ("Tex. Educ. Code § 25.0811", 1)
    ]
    api_case = public.get(f"/api/v1/cases/{case_id}").json
    assert api_case["district"] == "Mesa ISD"
    assert api_case["description"] is None
    assert api_case["metrics"] == []
    for body in [page, *views.values(), json.dumps(api_case)]:
        assert SECRET not in body
        assert "Ortega" not in body
        assert "ana@example.org" not in body
        assert "Ana Diaz" not in body
        assert "Mesa team" not in body

    log = text_of(browser.client.get(f"/teams/{team_id}/activity"))
    assert "published the outcome of the audit “Early start calendar”" in log

    unpublished = browser.post(
        f"/teams/{team_id}/audits/{audit_id}/unpublish",
        form_page=f"/teams/{team_id}/audits/{audit_id}/publish",
    )
    assert unpublished.status_code == 302
    assert public.get(case_url).status_code == 404
    assert public.get(f"/api/v1/cases/{case_id}").status_code == 404
    for where, body in public_views(public).items():
        assert "Mesa ISD" not in body, where
        assert "Early start calendar" not in body, where
    log = text_of(browser.client.get(f"/teams/{team_id}/activity"))
    assert "unpublished the outcome of the audit “Early start calendar”" in log


def test_later_edits_stay_private_until_published_again(browser, owner, app):
    team_id, audit_id = owner
    _, done = publish(browser, team_id, audit_id, ["title", "rules", "named"])
    case_url = done.headers["Location"]
    with app.app_context():
        s = db.session()
        row = audit_store.get_audit(s, team_id, audit_id)
        data = audit_store.content(row)
        data.title = "Renamed in private"
        data.rules[0].text = "A rewording the team has not published"
        user = s.query(User).filter_by(email="ana@example.org").one()
        audit_store.save_audit(s, row, user, data, row.version)
    public = app.test_client()
    page = text_of(public.get(case_url))
    assert "Early start calendar" in page
    assert "Renamed in private" not in page
    assert "has not published" not in page
    assert "A rewording" not in public.get("/api/v1/cases").get_data(as_text=True)
    # the owner is told the public page is older than the audit
    assert "The audit changed since" in text_of(
        browser.client.get(f"/teams/{team_id}/audits/{audit_id}/publish")
    )
    # a publish form from before the change is refused: preview again first
    stale = browser.post(
        f"/teams/{team_id}/audits/{audit_id}/publish",
        {"version": "1", "title": "y", "rules": "y"},
        form_page=f"/teams/{team_id}/audits/{audit_id}/publish",
    )
    assert stale.status_code == 302
    assert "Renamed in private" not in text_of(public.get(case_url))
    _, again = publish(browser, team_id, audit_id, ["title", "rules"], version="2")
    # published again without the district's name: a new address, so a link saved
    # from the named version never leads to the anonymous one
    anonymous_url = again.headers["Location"]
    assert anonymous_url != case_url
    assert public.get(case_url).status_code == 404
    page = text_of(public.get(anonymous_url))
    assert "Renamed in private" in page
    assert "Mesa ISD" not in page
    assert "A district (Texas)" in page
    feed = public.get("/cases.atom").get_data(as_text=True)
    assert case_url.rsplit("/", 1)[1] not in [
        line.rsplit("/", 1)[-1].split("<")[0]
        for line in feed.split()
        if "/cases/" in line
    ]
    # published again as it is (still anonymous): the same address
    _, same = publish(browser, team_id, audit_id, ["title"], version="2")
    assert same.headers["Location"] == anonymous_url


def test_an_anonymous_case_never_shows_the_district(browser, owner, app):
    team_id, audit_id = owner
    _, done = publish(browser, team_id, audit_id, ["title", "rules", "mechanisms"])
    public = app.test_client()
    page = text_of(public.get(done.headers["Location"]))
    assert "A district (Texas): Early start calendar" in page
    assert "Not named" in page
    for where, body in public_views(public).items():
        assert "Mesa ISD" not in body, where
        assert "Mesa team" not in body, where
    # one anonymous district: the report shows the rule but not a count
    state = text_of(public.get("/barriers/TX"))
    assert "Tex. Educ. Code § 25.0811" in state
    assert "fewer than 3" in state
    row = public.get("/api/v1/barriers?state=TX").json["rows"][0]
    assert row["districts"] is None
    assert row["districts_text"] == "fewer than 3"
    assert row["mechanisms"] == []
    assert row["named_cases"] == []
    # the entry page counts anonymous districts only from 3 up
    assert "not named" not in public_views(public)["entry"]


@pytest.mark.parametrize(
    ("names", "problem"),
    [([], "Choose at least one thing to publish."), (["named"], "Choose at least")],
)
def test_publishing_nothing_is_refused(browser, owner, app, names, problem):
    team_id, audit_id = owner
    _, done = publish(browser, team_id, audit_id, names)
    assert done.status_code == 302
    follow = browser.client.get(done.headers["Location"])
    assert problem in text_of(follow)
    assert app.test_client().get("/api/v1/cases").json["cases"] == []


def test_an_editor_cannot_publish(browser, owner, app, make_browser):
    team_id, audit_id = owner
    with app.app_context():
        from finder.store import accounts, teams
        from finder.store.models import Team

        s = db.session()
        editor = accounts.create_user(
            s, "ed@example.org", "Ed", "correct horse battery"
        )
        invitation = teams.create_invitation(
            s, s.get(Team, team_id), s.query(User).filter_by(id=1).one(), "editor"
        )
        teams.accept_invitation(s, invitation, editor)
    other = make_browser()
    other.signin("ed@example.org")
    base = f"/teams/{team_id}/audits/{audit_id}"
    assert other.client.get(base + "/publish").status_code == 403
    token = other.token(base)
    for path in ("/publish/preview", "/publish", "/unpublish"):
        response = other.client.post(
            base + path, data={"csrf_token": token, "version": "1", "rules": "y"}
        )
        assert response.status_code == 403, path
    assert app.test_client().get("/api/v1/cases").json["cases"] == []


def test_an_unpublishable_audit_says_why(browser, app):
    browser.signup()
    team_id = browser.create_team("Mesa team")
    audit = stored(app, team_id, AuditData("Blank", "TX"))
    page = browser.client.get(f"/teams/{team_id}/audits/{audit.id}/publish")
    assert "Decide at least one rule first." in text_of(page)
    response = browser.post(
        f"/teams/{team_id}/audits/{audit.id}/publish",
        {"version": "1", "rules": "y"},
        form_page=f"/teams/{team_id}/audits/{audit.id}",
    )
    assert response.status_code == 302
    assert app.test_client().get("/api/v1/cases").json["cases"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/cases/999",
        "/barriers/ZZ",
        "/barriers/US",
        "/barriers/ZZ.csv",
        "/cases?state=ZZ",
        "/api/v1/cases/999",
    ],
)
def test_unknown_cases_and_states_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/api/v1/cases?state=ZZ", "/api/v1/barriers?state=US", "/api/v1/cases?x=1"]
)
def test_bad_api_parameters_are_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.json["status"] == 400


def test_empty_public_views_read_well(client):
    assert "No audit is published yet." in text_of(client.get("/cases"))
    assert "No published audit in Texas" in text_of(client.get("/barriers/TX"))
    national = text_of(client.get("/barriers"))
    assert "0 published audits." in national
    assert client.get("/barriers.csv").status_code == 200
    assert client.get("/cases.atom").mimetype == "application/atom+xml"


def test_published_answers_fit_the_openapi_description(browser, owner, app):
    from tests.web.test_api_openapi import response_errors

    team_id, audit_id = owner
    everything = ["title", "description", "rules", "mechanisms", "rationales"]
    _, done = publish(browser, team_id, audit_id, [*everything, "metrics", "named"])
    case_id = int(done.headers["Location"].rsplit("/", 1)[1])
    client = app.test_client()
    doc = client.get("/api/v1/openapi.json").json
    for path in (
        "/api/v1/cases",
        "/api/v1/cases?state=TX",
        f"/api/v1/cases/{case_id}",
        "/api/v1/cases/999",
        "/api/v1/barriers",
        "/api/v1/barriers?state=TX",
        "/api/v1/barriers?state=ZZ",
    ):
        response = client.get(path)
        assert response_errors(doc, path.partition("?")[0], response) == [], path
    # the checker sees a wrong body
    from tests.web.test_api_openapi import body_errors

    bad = {"cases": [{"id": 1, "district": 5}]}
    assert body_errors(doc, "/components/schemas/PublishedCases", bad) != []


def test_a_case_names_a_mechanism_no_longer_in_force_as_such(app, monkeypatch):
    """A case published while a law stood keeps naming it after repeal, and says so."""
    import dataclasses
    import types

    from finder.web import cases

    with app.test_request_context("/"):
        catalog = cases.live_catalog().catalog
        entry = catalog.get("ky-districts-of-innovation")
        repealed = dataclasses.replace(entry, status="repealed")
        found = {"ky-districts-of-innovation": repealed}
        monkeypatch.setattr(
            cases,
            "live_catalog",
            lambda: types.SimpleNamespace(
                catalog=types.SimpleNamespace(
                    get=lambda i: found.get(i, catalog.get(i))
                )
            ),
        )
        title, url = cases.entry_link("ky-districts-of-innovation")
        active = cases.entry_link("tx-districts-of-innovation")
        gone = cases.entry_link("xx-not-in-the-catalog")
    assert title == f"{entry.title} (repealed)"
    assert url.endswith("/flexibilities/ky-districts-of-innovation")
    assert active[0] == "Districts of Innovation"
    assert gone == ("xx-not-in-the-catalog", "")


def test_an_anonymous_case_whose_own_words_name_the_district_is_not_published(
    browser, app
):
    """The title and a rule's citation (a board-policy address) give the district
    away: the preview says where, offers no publish button, and a direct publish is
    refused; with those parts unchecked it publishes."""
    browser.signup()
    team_id = browser.create_team("Mesa team")
    data = audit_data()
    data.title = "Mesa ISD early calendar"
    data.rules[0].citation = "https://go.boarddocs.com/tx/mesaisd/Board.nsf/EB(LOCAL)"
    audit = stored(app, team_id, data)
    base, preview = choose(browser, team_id, audit.id, ["title", "rules"])
    shown = text_of(preview)
    assert "This would name your district" in shown
    assert "The title names “Mesa ISD”" in shown
    assert "Rule 1's citation names “Mesa ISD”" in shown
    assert "Publish as shown" not in shown
    refused = browser.post(
        base, {"version": "1", "title": "y", "rules": "y"}, form_page=base
    )
    assert refused.status_code == 302
    assert app.test_client().get("/api/v1/cases").json["cases"] == []
    _, done = publish(browser, team_id, audit.id, ["mechanisms"])
    assert done.headers["Location"].startswith("/cases/")
    assert "Mesa" not in app.test_client().get("/api/v1/cases").get_data(as_text=True)


def test_an_audit_with_a_state_that_is_not_a_state_is_not_published(browser, app):
    browser.signup()
    team_id = browser.create_team("Mesa team")
    data = audit_data()
    data.state = "ZZ"
    audit = stored(app, team_id, data)
    base = f"/teams/{team_id}/audits/{audit.id}/publish"
    assert "is not a state's postal code" in text_of(browser.client.get(base))
    response = browser.post(
        base, {"version": "1", "rules": "y"}, form_page=base.rsplit("/", 1)[0]
    )
    assert response.status_code == 302
    assert app.test_client().get("/api/v1/cases").json["cases"] == []


def test_rationales_alone_publish_nothing(browser, owner, app):
    team_id, audit_id = owner
    base = f"/teams/{team_id}/audits/{audit_id}/publish"
    response = browser.post(base, {"version": "1", "rationales": "y"}, form_page=base)
    assert response.status_code == 302
    assert app.test_client().get("/api/v1/cases").json["cases"] == []


def test_an_empty_feed_is_dated_now_and_withheld_mechanisms_say_so(client):
    import datetime as dt
    import re

    feed = client.get("/cases.atom").get_data(as_text=True)
    updated = re.search(r"<updated>(\d{4})-", feed).group(1)
    assert int(updated) >= dt.datetime.now(dt.UTC).year - 1  # never a made-up 2000


def test_a_row_that_withholds_its_mechanisms_says_so_instead_of_a_dash():
    from finder.learning.barriers import barriers_table, build_barriers
    from finder.learning.cases import Case, Publication, PublicRule

    rule = PublicRule(
        "A rule",
        "TEC 25.0811",
        "state_statute",
        "calendar",
        "unnecessary_control",
        ("tx-districts-of-innovation",),
    )
    import datetime as dt

    one = Publication(1, Case("TX", False, rules=(rule,)), dt.datetime(2026, 11, 1))
    report = build_barriers([one], "TX")
    table = barriers_table(report, lambda m: m, lambda i: f"/cases/{i}")
    assert "not shown: fewer than 3 districts" in str(table.rows[0])


def test_deleting_a_published_audit_unpublishes_it_and_the_log_says_so(
    browser, owner, app
):
    from finder.store.models import Activity

    team_id, audit_id = owner
    _, done = publish(browser, team_id, audit_id, ["title", "rules"])
    case_url = done.headers["Location"]
    base = f"/teams/{team_id}/audits/{audit_id}"
    browser.post(f"{base}/delete", {}, form_page=base)
    assert app.test_client().get(case_url).status_code == 404
    with app.app_context():
        codes = [
            e.action for e in db.session().query(Activity).order_by(Activity.id).all()
        ]
    assert codes[-2:] == ["audit.unpublished", "audit.deleted"]


def test_the_cases_api_answers_in_pages(app, client, monkeypatch):
    """However many cases are published, one answer holds at most a page of them, and
    says where the next page is; a bad page number is a 400."""
    import datetime as dt

    from finder.learning import Case, Publication
    from finder.web import api, published

    many = [
        Publication(n, Case("TX", False, title=f"Case {n}"), dt.datetime(2026, 11, 1))
        for n in range(1, 121)
    ]
    monkeypatch.setattr(published, "cases", lambda state="": many)
    first = client.get("/api/v1/cases").json
    assert len(first["cases"]) == api.CASES_PER_PAGE
    assert (first["page"], first["pages"]) == (1, 3)
    assert first["next"].endswith("/api/v1/cases?page=2")
    last = client.get("/api/v1/cases?page=3").json
    assert len(last["cases"]) == 120 - 2 * api.CASES_PER_PAGE
    assert last["next"] is None
    for bad in ("0", "-1", "two", "99999999999"):
        assert client.get(f"/api/v1/cases?page={bad}").status_code == 400


def test_a_page_number_in_other_digits_is_a_400_not_a_500(client):
    for bad in ("%C2%B2", "1%C2%B2", "%D9%A3", "1" * 5000):
        assert client.get(f"/api/v1/cases?page={bad}").status_code == 400


def test_no_public_page_shows_a_team_members_name_or_e_mail(browser, app):
    """A rationale naming the owner and giving her address: the preview says where and
    offers no publish button, a direct publish is refused, named or anonymous."""
    browser.signup()
    team_id = browser.create_team("Mesa team")
    data = audit_data()
    data.rules[0].rationale = "Ask Ana Diaz (ana@example.org) for the survey."
    audit = stored(app, team_id, data)
    for names in (["rules", "rationales"], ["rules", "rationales", "named"]):
        base, preview = choose(browser, team_id, audit.id, names)
        shown = text_of(preview)
        assert "This would name people" in shown
        assert "Rule 1's rationale names a team member (“Ana Diaz”)" in shown
        assert "Rule 1's rationale holds an e-mail address" in shown
        assert "Publish as shown" not in shown
        refused = browser.post(
            base, {"version": "1", **{n: "y" for n in names}}, form_page=base
        )
        assert refused.status_code == 302
        assert "never show a team member" in text_of(browser.client.get(base))
        assert app.test_client().get("/api/v1/cases").json["cases"] == []
    _, done = publish(browser, team_id, audit.id, ["rules", "named"])
    assert done.headers["Location"].startswith("/cases/")
    everything = "".join(public_views(app.test_client()).values())
    assert "Ana Diaz" not in everything
    assert "ana@example.org" not in everything


def test_only_a_finished_audit_is_published(browser, app):
    browser.signup()
    team_id = browser.create_team("Mesa team")
    data = audit_data()
    data.rules.append(AuditRule("Board approval of field trips", "local_policy"))
    audit = stored(app, team_id, data)
    base = f"/teams/{team_id}/audits/{audit.id}/publish"
    assert "Finish the audit first: 1 of the audit's 3 rules is still open" in text_of(
        browser.client.get(base)
    )
    response = browser.post(
        base, {"version": "1", "rules": "y"}, form_page=base.rsplit("/", 1)[0]
    )
    assert response.status_code == 302
    assert app.test_client().get("/api/v1/cases").json["cases"] == []


def test_counts_of_one_read_in_the_singular(browser, app):
    """An audit of one rule: "0 of 1 rule decided", "Imported … with 1 rule"."""
    browser.signup()
    team_id = browser.create_team("Mesa team")
    data = audit_data()
    data.rules = data.rules[:1]
    data.rules[0].decision = ""
    exported = json.dumps(data.to_dict())
    base = f"/teams/{team_id}/audits"
    response = browser.post(
        base + "/import",
        {"file": (io.BytesIO(exported.encode()), "one.json")},
        form_page=base,
    )
    assert response.status_code == 302
    page = text_of(browser.client.get(response.headers["Location"]))
    assert "with 1 rule." in page
    assert "0 of 1 rule decided" in page
    assert "1 rules" not in page
