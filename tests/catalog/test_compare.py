"""The map tiles, the comparison matrix and the side-by-side view."""

from __future__ import annotations

from finder.catalog.compare import BINS, TILES, matrix, side_by_side, tiles
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
