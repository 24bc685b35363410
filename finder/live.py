"""The catalog and index a running app serves, reloaded when the catalog files change."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from finder.catalog import Catalog, read
from finder.catalog.loader import catalog_files
from finder.search import SearchIndex, open_index
from finder.search.cache import ResultsCache

log = logging.getLogger(__name__)


def _signature(dirs: list[str]) -> tuple:
    """Names, sizes and modification times of the catalog files: cheap to compare."""
    sig = []
    for path in catalog_files(dirs):
        try:
            st = path.stat()
        except OSError:  # pragma: no cover - a file removed between listing and stat
            continue
        sig.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(sig)


class LiveCatalog:
    """Holds the current catalog and its index; swaps both when the files change.

    A catalog with problems still serves its valid entries; the problems are logged
    and kept on ``catalog.problems`` so pages can say so. A failed reload keeps the
    previous catalog: a bad edit never takes the site down.
    """

    def __init__(
        self, dirs: list[str], index_root: str | Path, check_seconds: float = 2.0
    ):
        self.dirs = list(dirs)
        self.index_root = Path(index_root)
        self.check_seconds = check_seconds
        self._lock = threading.Lock()
        self._checked = 0.0
        self._signature = _signature(self.dirs)
        # One results cache for the life of the app, keyed by catalog fingerprint: a
        # reload drops the old catalog's answers.
        self.results_cache = ResultsCache()
        self._index = self._load()

    def _load(self) -> SearchIndex:
        # The index folder also keeps a snapshot of the parsed catalog (a faster start).
        catalog = read(self.dirs, snapshot_dir=self.index_root)
        if catalog.problems:
            log.warning(
                "catalog has %d problem(s); run `finder validate`:\n%s",
                len(catalog.problems),
                "\n".join(str(p) for p in catalog.problems[:50]),
            )
        index = open_index(self.index_root, catalog)
        index.results_cache = self.results_cache
        return index

    @property
    def index(self) -> SearchIndex:
        self.refresh()
        return self._index

    @property
    def catalog(self) -> Catalog:
        return self.index.catalog

    def refresh(self, force: bool = False) -> bool:
        """Reload if the files changed (checked at most every check_seconds)."""
        now = time.monotonic()
        if not force and (
            self.check_seconds <= 0 or now - self._checked < self.check_seconds
        ):
            return False
        with self._lock:
            self._checked = now
            signature = _signature(self.dirs)
            if signature == self._signature and not force:
                return False
            try:
                fresh = self._load()
            except Exception:  # keep serving the old catalog, whatever went wrong
                log.exception(
                    "catalog reload failed; still serving the previous catalog"
                )
                return False
            self._signature = signature
            self._index = fresh
            self.results_cache.retain(fresh.cache_key)
            return True
