"""Build the index into a temporary folder and swap it in atomically; reuse it while fresh."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from finder.catalog import Catalog
from finder.search.documents import entry_to_document
from finder.search.schema import build_schema

# Bump when the schema, analyzers or document mapping change: old indexes are then stale.
INDEX_FORMAT = "12"
READY_MARK = "READY"
BUILD_LIMIT_MB = 1024
KEEP_OLD = 2

Progress = Callable[[int, int], None]


def index_key(catalog: Catalog) -> str:
    """The folder name for a catalog's index: its fingerprint and the index format."""
    return f"v{INDEX_FORMAT}-{catalog.fingerprint or 'empty'}"


# A full build of at least this many entries is split over processes (one segment
# each): below it, starting a process costs more than its share of the work saves.
PARALLEL_FROM = 1000
# At most this many: the cores a process may run on can be more than a container's
# share of them, and each process holds its part's postings in memory.
MAX_PROCESSES = 8


def build_processes(count: int) -> int:
    """How many processes a full build of ``count`` entries uses: one per core the
    process may run on, at most one per ``PARALLEL_FROM / 2`` entries and at most
    ``MAX_PROCESSES`` (1 below ``PARALLEL_FROM``); ``FINDER_BUILD_PROCESSES`` caps it
    (1 turns splitting off). A script that builds a large index while running other
    threads uses a fork server, which imports the script again in each worker: guard
    its top level with ``if __name__ == "__main__":``."""
    if count < PARALLEL_FROM:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    wanted = os.environ.get("FINDER_BUILD_PROCESSES", "").strip()
    if wanted.isascii() and wanted.isdigit() and int(wanted) > 0:
        cores = min(cores, int(wanted))
    return max(1, min(cores, MAX_PROCESSES, count // (PARALLEL_FROM // 2)))


def _write_index(
    folder: Path,
    catalog: Catalog,
    progress: Progress | None,
    processes: int | None = None,
) -> None:
    """Write a new index of every entry. Large catalogs are cut into contiguous parts,
    one per process, each written as its own segment and listed in catalog order, so
    document numbers, scores and the order of equal scores are a serial build's."""
    ix = whoosh_index.create_in(str(folder), build_schema())
    entries = list(catalog.entries)
    processes = max(1, min(processes or build_processes(len(entries)), len(entries)))
    # Postings are sorted in memory up to this size (as Whoosh reckons it, some 170
    # bytes a posting) before spilling to sorted runs on disk (pickled one by one, then
    # merged). A 10,000-entry catalog reckons about 270 MB: under 1,024 MB nothing
    # spills, a third less build time (16.6 s against 25.4 s in one process, 9.3 s
    # against 13.7 s in two) for about the same peak (440 MB against 416).
    limitmb = max(32, BUILD_LIMIT_MB // processes)
    writer = ix.writer(**_full_build_options(limitmb))
    if processes == 1:
        _add_entries(writer, entries, progress, len(entries))
        writer.commit()
    else:
        size = -(-len(entries) // processes)
        bounds = [
            (i, min(i + size, len(entries))) for i in range(0, len(entries), size)
        ]
        context = _context()
        # A forked worker already holds the entries: it is told where its part lies.
        # A fork server's worker starts empty and is sent its part.
        forked = context.get_start_method() == "fork"
        _FORKED[:] = entries if forked else []
        try:
            with ProcessPoolExecutor(len(bounds) - 1, mp_context=context) as pool:
                others = [
                    pool.submit(
                        _write_segment,
                        str(folder),
                        (start, stop) if forked else entries[start:stop],
                        limitmb,
                    )
                    for start, stop in bounds[:-1]
                ]
                # This process writes the last part meanwhile, its progress standing
                # for all until the other parts are in.
                start, stop = bounds[-1]
                _add_entries(writer, entries[start:stop], progress, len(entries), 1)
                last = writer._finalize_segment()
                segments = [job.result() for job in others] + [last]
                if progress:
                    progress(len(entries), len(entries))
        except BaseException:
            # A part failed (or the build was interrupted): let go of the write lock
            # now rather than when the writer is collected; the caller removes the folder.
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        finally:
            _FORKED.clear()
        writer._commit_toc(segments)
        writer._finish()
    (folder / READY_MARK).write_text(catalog.fingerprint)


def _full_build_options(limitmb: int) -> dict:
    """How a full build's segments are written: postings blocks left uncompressed (at
    5,000 entries about a twentieth less build time, for an index of 18 MB against
    12; reading needs no inflating)."""
    return {"limitmb": limitmb, "codec": W3Codec(compression=0)}


def _add_entries(
    writer, entries: list, progress: Progress | None, total: int, held: int = 0
) -> None:
    """Add entries' documents to a writer; ``progress(done, total)`` scaled to
    ``total``, stopping ``held`` short of it (the caller reports the rest)."""
    _list_lengths(writer)
    share = total / max(1, len(entries))
    for done, entry in enumerate(entries, start=1):
        writer.add_document(**entry_to_document(entry))
        if progress:
            progress(min(total - held, round(done * share)), total)


# The entries of the full build under way, for the workers it forks (set only while
# forking is chosen, that is while this process runs a single thread).
_FORKED: list = []


def _write_segment(folder: str, part: list | tuple[int, int], limitmb: int):
    """In a worker process: one part of a full build (its entries, or where they lie in
    the forked build's entries) as a finished segment, not yet listed in the index's
    table of contents: the building process lists it."""
    entries = _FORKED[part[0] : part[1]] if isinstance(part, tuple) else part
    ix = whoosh_index.open_dir(folder)
    writer = SegmentWriter(ix, _lk=False, **_full_build_options(limitmb))
    _add_entries(writer, entries, None, len(entries))
    return writer._finalize_segment()


def _context():
    """Fork when this process runs one thread (cheap, nothing to import again); a fork
    server otherwise, since forking a process with other threads can copy a held lock."""
    import multiprocessing
    import threading

    return multiprocessing.get_context(
        "fork" if threading.active_count() == 1 else "forkserver"
    )


class _ListedLengths:
    """The per-document reader Whoosh's postings writer is given, with each field's
    document lengths read once into a list: the writer asks for one on every posting
    (through a column read each time), for the block statistics it records."""

    def __init__(self, reader, doccount: int):
        self._reader = reader
        self._count = doccount
        self._lists: dict[tuple[str, int], list] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self._lists.get((fieldname, default))
        if lengths is None:
            lengths = self._lists[fieldname, default] = [
                self._reader.doc_field_length(n, fieldname, default)
                for n in range(self._count)
            ]
        return lengths[docnum]

    def __getattr__(self, name):
        return getattr(self._reader, name)


def _list_lengths(writer) -> None:
    """Hand the writer's postings step a reader that lists field lengths (see above)."""
    plain = writer.per_document_reader
    writer.per_document_reader = lambda: _ListedLengths(plain(), writer.docnum)


def _previous(root: Path, final: Path) -> Path | None:
    """The newest complete index of the same format, to update instead of rebuilding."""
    candidates = [
        p
        for p in root.iterdir()
        if p.is_dir()
        and p != final
        and p.name.startswith(f"v{INDEX_FORMAT}-")
        and (p / READY_MARK).exists()
    ]
    return max(candidates, key=lambda p: p.stat().st_mtime, default=None)


def _update_index(folder: Path, catalog: Catalog, progress: Progress | None) -> int:
    """Bring a copied index up to date: only changed, new and removed entries are written."""
    ix = whoosh_index.open_dir(str(folder))
    with ix.searcher() as searcher:
        old = {f["id"]: f.get("hash") for _, f in searcher.reader().iter_docs()}
    writer = ix.writer(limitmb=128)
    changed = 0
    total = len(catalog.entries)
    for done, entry in enumerate(catalog.entries, start=1):
        document = entry_to_document(entry)
        if old.get(entry.id) != document["hash"]:
            writer.update_document(**document)
            changed += 1
        if progress:
            progress(done, total)
    for gone in set(old) - set(catalog.by_id):
        writer.delete_by_term("id", gone)
        changed += 1
    if changed:
        writer.commit(mergetype=_merge_in_order)
    else:
        writer.cancel()
    (folder / READY_MARK).write_text(catalog.fingerprint)
    return changed


def _merge_in_order(writer, segments: list) -> list:
    """Whoosh's default merge keeps big segments but lists them by size, which would
    reorder a split build's parts (and with them document numbers and the order of
    equal scores). This keeps every segment where it is except a trailing run of small
    ones (the updates since the full build, each under a tenth of the largest), whose
    documents go into the segment being written."""
    from whoosh.reading import SegmentReader

    biggest = max((s.doc_count_all() for s in segments), default=0)
    kept = list(segments)
    tail = []
    while len(kept) > 1 and kept[-1].doc_count_all() * 10 < biggest:
        tail.insert(0, kept.pop())
    for segment in tail:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return kept


def build_index(
    root: str | Path,
    catalog: Catalog,
    progress: Progress | None = None,
    incremental: bool = True,
    processes: int | None = None,
) -> Path:
    """Build a fresh index for the catalog and move it into place; return its folder.

    A reader never sees a half-built index: building happens in a temporary folder
    that is renamed only once complete. When two processes build at once, the first
    rename wins and the other discards its copy. ``processes`` sets how many processes
    a full build uses (default :func:`build_processes`); an update uses one.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    final = root / index_key(catalog)
    tmp = Path(tempfile.mkdtemp(prefix="build-", dir=root))
    previous = _previous(root, final) if incremental else None
    try:
        if previous is not None:
            shutil.rmtree(tmp)
            shutil.copytree(previous, tmp)
            _update_index(tmp, catalog, progress)
        else:
            _write_index(tmp, catalog, progress, processes)
        try:
            os.rename(tmp, final)
        except OSError:
            if not (final / READY_MARK).exists():
                # A broken leftover (e.g. a crash mid-swap): replace it.
                shutil.rmtree(final, ignore_errors=True)
                os.rename(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_old(root, keep=final)
    return final


def _remove_old(root: Path, keep: Path) -> None:
    """Delete older index folders and abandoned builds, keeping a few for running readers."""
    folders = sorted(
        (
            p
            for p in root.iterdir()
            if p.is_dir() and p != keep and p.name.startswith("v")
        ),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in folders[KEEP_OLD:]:
        shutil.rmtree(old, ignore_errors=True)


def is_fresh(root: str | Path, catalog: Catalog) -> bool:
    """Whether a complete index for exactly this catalog is on disk."""
    return (Path(root) / index_key(catalog) / READY_MARK).exists()


def open_or_build(root: str | Path, catalog: Catalog, progress: Progress | None = None):
    """Open the cached index for the catalog, building it first if missing or stale."""
    folder = Path(root) / index_key(catalog)
    if not (folder / READY_MARK).exists():
        folder = build_index(root, catalog, progress)
    return whoosh_index.open_dir(str(folder))
