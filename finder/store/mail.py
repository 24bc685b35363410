"""Optional outgoing mail (reset links) through an SMTP server named in the settings."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage


def send_mail(settings: dict, to: str, subject: str, body: str) -> None:
    host, _, port = settings["SMTP_HOST"].partition(":")
    message = EmailMessage()
    message["From"] = settings.get("SMTP_FROM") or "no-reply@localhost"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(host, int(port or 25), timeout=20) as smtp:
        smtp.send_message(message)
