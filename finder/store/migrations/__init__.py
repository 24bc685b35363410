"""Alembic migrations for the store."""
