"""The map tiles, the comparison matrix, the side-by-side views and their tables."""

from __future__ import annotations

from finder.catalog.compare import (
    BINS,
    TILES,
    checked_on,
    choose_entries,
    choose_states,
    counts_table,
    entries_of_states,
    entry_table,
    matrix,
    never_waived,
    side_by_side,
    tiles,
    verification,
)
from finder.catalog.jurisdictions import NAMES


def test_every_state_and_dc_has_one_tile_in_its_own_square():
    assert set(TILES) == set(NAMES) - {"US"}
    assert len(set(TILES.values())) == len(TILES)


def test_tiles_count_and_bin(catalog):
    by_code = {t.code: t for t in tiles(catalog)}
    assert by_code["CO"].count == 4
    assert BINS[by_code["CO"].level][2] == "3–4"
    assert by_code["WY"].count == 0
    assert by_code["WY"].level == 0
    filtered = {t.code: t.count for t in tiles(catalog, kinds=("waiver_authority",))}
    assert filtered["CO"] == 1
    assert filtered["TX"] == 0
    by_area = {t.code: t.count for t in tiles(catalog, areas=("calendar",))}
    assert by_area["CO"] == 2


def test_matrix_by_kind_and_area(catalog):
    columns, rows = matrix(catalog, "kind")
    row = dict(rows)["CO"]
    assert row[columns.index("innovation_schools")] == 1
    assert sum(row) == 4
    assert rows[-1][0] == "US"  # federal last
    columns, rows = matrix(catalog, "area", kinds=("innovation_district",))
    assert dict(rows)["TX"][columns.index("class_size")] == 1


def test_side_by_side_marks_differences(catalog):
    rows = {r.kind: r for r in side_by_side(catalog, ["CO", "TX"])}
    assert rows["innovation_district"].differs  # Texas has one, Colorado does not
    assert [e.id for e in rows["innovation_district"].cells[1]] == [
        "tx-districts-of-innovation"
    ]
    assert not any(r.differs for r in side_by_side(catalog, ["CO", "CO"]))


def test_choose_states_takes_codes_and_names_and_says_what_it_left_out():
    chosen = choose_states(["tx", " Colorado ", "TX", "ZZ", "", "<b>x</b>", "federal"])
    assert chosen.items == ["TX", "CO", "US"]
    assert chosen.problems == ["Not a state code or name, left out: “ZZ”, “<b>x</b>”."]
    many = choose_states(["TX", "CO", "KY", "CA", "NY", "WA"])
    assert many.items == ["TX", "CO", "KY", "CA"]
    assert "At most 4" in many.problems[0]
    long = choose_states(["x" * 5000] * 9)
    assert long.items == []
    assert len(long.problems[0]) < 200  # one value, cut short, said once per kind


def test_choose_entries_keeps_the_order_asked(catalog):
    chosen = choose_entries(
        catalog, ["us-iada", "TX-Districts-of-Innovation", "us-iada", "nope"]
    )
    assert [e.id for e in chosen.items] == ["us-iada", "tx-districts-of-innovation"]
    assert chosen.problems == ["Not in the catalog, left out: “nope”."]
    unknown = [f"x{i}" for i in range(7)]
    assert "and 4 more" in choose_entries(catalog, unknown).problems[0]


def test_counts_table_has_human_columns_and_only_the_chosen_states(catalog):
    table = counts_table(catalog, "kind", codes=["TX", "CO"])
    assert table.columns[:4] == (
        "Code",
        "Jurisdiction",
        "Waiver authority",
        "Innovation schools or zones",
    )
    assert table.columns[-1] == "Total entries"
    rows = {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.rows}
    assert list(rows) == ["CO", "TX"]  # by name, whatever order was asked
    assert rows["TX"]["Innovation district"] == "1"
    assert rows["TX"]["Total entries"] == "2"
    by_area = counts_table(catalog, "area", kinds=("waiver_authority",), codes=["CO"])
    assert "Seat time" in by_area.columns
    co = dict(zip(by_area.columns, by_area.rows[0], strict=True))
    assert co["Total entries"] == "1"  # one waiver, though it touches two areas
    assert sum(int(co[a]) for a in by_area.columns[2:-1]) == 2


def test_entries_of_states_go_state_by_state_and_kind_by_kind(catalog):
    ids = [e.id for e in entries_of_states(catalog, ["TX", "CO"])]
    assert ids == [
        "tx-districts-of-innovation",
        "tx-teacher-certification-cte-permit",
        "co-state-board-waivers",
        "co-innovation-schools-act",
        "co-reduced-calendar",
        "co-flexibility-guide",
    ]


def test_entry_table_says_what_a_writer_needs(catalog):
    doi = catalog.get("tx-districts-of-innovation")
    permit = catalog.get("tx-teacher-certification-cte-permit")
    table = entry_table([doi, permit], lambda i: f"https://finder.example/f/{i}")
    for name in (
        "Jurisdiction",
        "Title",
        "Kind",
        "Citations",
        "Approver",
        "Term",
        "Eligibility",
        "Activation",
        "Public process",
        "Can never waive",
        "Verified",
        "Checked on",
        "Sources",
        "Entry URL",
    ):
        assert name in table.columns, name
    first, second = table.records()
    assert first["Jurisdiction"] == "Texas"
    assert first["Kind"] == "Innovation district"
    assert first["Citations"] == [
        "Tex. Educ. Code ch. 12A",
        "Tex. Educ. Code § 12A.004",
    ]
    assert first["Official text"][1] == (
        "Tex. Educ. Code § 12A.004: "
        "https://statutes.capitol.texas.gov/Docs/ED/htm/ED.12A.htm#12A.004"
    )
    assert first["Approver"] == "Local board of trustees; the commissioner is notified"
    assert first["Activation"][0] == "Board resolution or advisory committee petition"
    assert first["Can never waive"][-1] == (
        "State curriculum and graduation requirements under Ch. 28. "
        "(Tex. Educ. Code ch. 28)"
    )
    assert first["Verified"] == "Verified"
    assert first["Checked on"] == "2026-11-23"  # the official reading, not the review
    assert first["Sources"] == [
        "Texas Education Code chapter 12A — https://example.org/tec-12a "
        "(accessed 2026-11-01)"
    ]
    assert first["Entry URL"] == "https://finder.example/f/tx-districts-of-innovation"
    assert second["Verified"] == "Not fully verified"
    assert second["Checked on"] == "2025-03-01"
    assert second["Note"] == "Fixture entry; term not confirmed."
    assert second["Public process"] == []
    assert checked_on(permit) == permit.last_reviewed
    assert verification(doi) == "Verified"
    assert never_waived(permit) == ()
