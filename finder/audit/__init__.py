"""The local policy audit: rubric, suggester, decisions, matching and templates (no Flask)."""
