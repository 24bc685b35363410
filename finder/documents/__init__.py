"""The required-flexibilities document: one outline model, rendered to HTML, Markdown and DOCX."""
