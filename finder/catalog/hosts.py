"""Who publishes a source: official law, official agency, secondary, mirror — or refused.

Read from ``hosts.yaml`` in the catalog folder; see the comments at the top of that file.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml

from finder import yamltext
from finder.shapes import check

HOSTS_FILE = "hosts.yaml"
# The shipped list: every catalog (also one that replaces the shipped entries) starts
# from it, and a catalog folder's own hosts.yaml adds to it.
SHIPPED_HOSTS = Path(__file__).resolve().parents[2] / "flexibilities" / HOSTS_FILE
PUBLISHERS = {
    "official_law": "Official law",
    "official_agency": "Official agency",
    "secondary": "Secondary",
    "mirror": "Unofficial copy of law",
}
OFFICIAL = {"official_law", "official_agency"}
_GOVERNMENT = re.compile(
    r"(?:^|\.)(?:[a-z0-9-]+\.)*(?:gov|mil|(?:state\.)?[a-z]{2}\.us)$"
)
# staging, preview and mail-discovery aliases: never the address of a published page
_STAGING = re.compile(
    r"(?:^|[.-])(?:stage|staging|dev|test|preview|authoring|autodiscover|oembed)[.-]"
)


@dataclass(frozen=True)
class Hosts:
    """The host lists; each host also covers its subdomains."""

    official_law: dict[str, frozenset[str]] = field(default_factory=dict)
    official_agency: dict[str, frozenset[str]] = field(default_factory=dict)
    secondary: frozenset[str] = frozenset()
    mirror: frozenset[str] = frozenset()
    refused: frozenset[str] = frozenset()
    # what is wrong in the files read ("hosts.yaml: oficial_law: unknown field")
    problems: tuple[str, ...] = ()

    def classify(self, url: str) -> str:
        """The publisher type a URL's host implies: a key of PUBLISHERS, "government"
        (a .gov or state .us host not listed), "refused" or "unknown"."""
        host = host_of(url)
        if not host:
            return "unknown"
        if _listed(host, self.refused) or _is_ip(host) or _STAGING.search(host):
            return "refused"
        if _listed(host, self._all_official_law):
            return "official_law"
        if _listed(host, self._all_official_agency):
            return "official_agency"
        if _listed(host, self.mirror):
            return "mirror"
        if _listed(host, self.secondary):
            return "secondary"
        if _GOVERNMENT.search(host):
            return "government"
        return "unknown"

    @functools.cached_property
    def _all_official_law(self) -> frozenset[str]:
        return frozenset().union(*self.official_law.values())

    @functools.cached_property
    def _all_official_agency(self) -> frozenset[str]:
        return frozenset().union(*self.official_agency.values())

    def allows(self, url: str, publisher: str) -> bool:
        """Whether a source on this URL may be labelled ``publisher``."""
        found = self.classify(url)
        if found == "refused":
            return False
        if publisher in OFFICIAL:
            return found in OFFICIAL or found == "government"
        return True

    def default_publisher(self, url: str) -> str:
        """The publisher to assume when an entry does not say: "" if unknown."""
        found = self.classify(url)
        if found == "government":
            return "official_agency"
        return found if found in PUBLISHERS else ""


def host_of(url: str) -> str:
    try:
        host = (urlparse(url).hostname or "").lower()
    except ValueError:
        return ""
    host = host.rstrip(".")  # "codes.ohio.gov." is the same host, written absolutely
    return host[4:] if host.startswith("www.") else host


def _listed(host: str, hosts: frozenset[str]) -> bool:
    """Whether the host or a domain above it is listed ("a.b.gov": a.b.gov, b.gov, gov)."""
    labels = host.split(".")
    return any(".".join(labels[i:]) in hosts for i in range(len(labels)))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _as_set(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


# The shape of a hosts.yaml: any other key is a mistake (a misspelt list is ignored
# silently otherwise, and its hosts fall back to "unknown").
HOSTS_SHAPE = {
    "official_law": {str: [str]},
    "official_agency": {str: [str]},
    "secondary": [str],
    "mirror": [str],
    "refused": [str],
}


@functools.cache
def _read(path: str, mtime: float) -> Hosts:
    try:
        raw = yamltext.load(Path(path).read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        # the catalog still loads (every host then reads as unknown); validate says why
        where = getattr(exc, "problem_mark", None)
        line = f"line {where.line + 1}: " if where else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return Hosts(
            problems=(f"{Path(path).name}: {line}not readable YAML: {problem}",)
        )
    data, problems = check(raw, HOSTS_SHAPE)
    data = data or {}  # what was not understood is left out, and said
    return Hosts(
        problems=tuple(f"{Path(path).name}: {p}" for p in problems),
        official_law={
            k: _as_set(v) for k, v in (data.get("official_law") or {}).items()
        },
        official_agency={
            k: _as_set(v) for k, v in (data.get("official_agency") or {}).items()
        },
        secondary=_as_set(data.get("secondary")),
        mirror=_as_set(data.get("mirror")),
        refused=_as_set(data.get("refused")),
    )


def load_hosts(dirs: list[str | Path]) -> Hosts:
    """The merged host lists of every catalog folder that has a ``hosts.yaml``."""
    merged = Hosts()
    paths = [SHIPPED_HOSTS, *(Path(d) / HOSTS_FILE for d in dirs)]
    for path in dict.fromkeys(p.resolve() for p in paths):
        if not path.is_file():
            continue
        part = _read(str(path), path.stat().st_mtime)
        merged = Hosts(
            official_law=_merge(merged.official_law, part.official_law),
            official_agency=_merge(merged.official_agency, part.official_agency),
            secondary=merged.secondary | part.secondary,
            mirror=merged.mirror | part.mirror,
            refused=merged.refused | part.refused,
            problems=merged.problems
            + tuple(f"{path.parent}/{p}" for p in part.problems),
        )
    return merged


def _merge(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, frozenset()) | v
    return out
