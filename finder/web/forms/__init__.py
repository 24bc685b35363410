"""WTForms forms used by the pages."""
