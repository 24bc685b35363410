"""Saved work in a SQL database: the only package that talks to it."""
