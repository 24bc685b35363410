"""Print the barriers reports of the twelve sample audits (tests/data/published_sample.yaml).

    .venv/bin/python scripts/barriers_sample.py              # the reports as text
    .venv/bin/python scripts/barriers_sample.py --seed URL   # also publish them into the
                                                             # database at URL to browse

With --seed the database is migrated first; then `DATABASE_URL=URL finder serve`
shows them at /barriers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from finder.catalog import load_catalog  # noqa: E402
from finder.config import shipped_catalog_dir  # noqa: E402
from finder.learning.barriers import build_barriers, report_text  # noqa: E402
from tests.learning.sample import sample_publications, seed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", metavar="URL", help="a database URL to publish into")
    args = parser.parse_args()
    catalog = load_catalog([shipped_catalog_dir()])

    def title(entry_id: str) -> str:
        entry = catalog.get(entry_id)
        return entry.title if entry else entry_id

    publications = sample_publications()
    for state in ("TX", "CO", "KY", ""):
        print(report_text(build_barriers(publications, state), title), end="\n\n")
    if args.seed:
        from finder.store.db import make_engine, make_sessionmaker
        from finder.store.migrate import upgrade

        upgrade(args.seed)
        engine = make_engine(args.seed)
        with make_sessionmaker(engine)() as session:
            ids = seed(session)
        engine.dispose()
        print(f"Published {len(ids)} sample audits into {args.seed}.")


if __name__ == "__main__":
    main()
