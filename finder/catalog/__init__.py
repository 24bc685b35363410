"""The catalog of flexibilities: entry model, YAML loading and validation, jurisdictions."""

from finder.catalog.catalog import Catalog, load_catalog, read
from finder.catalog.loader import CatalogError, Problem
from finder.catalog.model import KINDS, POLICY_AREAS, STATUSES, Entry

__all__ = [
    "KINDS",
    "POLICY_AREAS",
    "STATUSES",
    "Catalog",
    "CatalogError",
    "Entry",
    "Problem",
    "load_catalog",
    "read",
]
