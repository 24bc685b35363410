"""Accounts: create, authenticate with rate limiting, password rules and reset links."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from finder.store.models import PasswordReset, SignInAttempt, User, utcnow
from finder.text import counted

MIN_PASSWORD = 10
COMMON_PASSWORDS = frozenset(
    [
        "password",
        "password1",
        "password12",
        "password123",
        "1234567890",
        "12345678910",
        "qwertyuiop",
        "iloveyou12",
        "letmein123",
        "welcome123",
        "changeme123",
        "administrator",
        "passw0rd123",
    ]
)
FAILURES_PER_EMAIL = 5
FAILURES_PER_ADDRESS = 20
WINDOW = dt.timedelta(minutes=15)
RESET_LIFETIME = dt.timedelta(hours=24)
SIGNUPS_PER_ADDRESS = 10  # new accounts from one address per SIGNUP_WINDOW
SIGNUP_WINDOW = dt.timedelta(hours=1)
SIGNUP_MARK = "#signup"  # a SignInAttempt row that records an account creation


class AccountError(ValueError):
    """A request about an account cannot be done; the message says why."""


class RateLimited(AccountError):
    """Too many attempts; try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int, what: str = "failed sign-in attempts"):
        self.retry_after = retry_after
        minutes = max(1, round(retry_after / 60))
        super().__init__(f"Too many {what}. Try again in {counted(minutes, 'minute')}.")


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def password_problems(password: str, email: str = "", name: str = "") -> list[str]:
    """Why a password is too weak (empty when it is acceptable)."""
    problems = []
    if len(password) < MIN_PASSWORD:
        problems.append(f"Use at least {MIN_PASSWORD} characters.")
    if len(set(password)) < 4:
        problems.append("Use more different characters.")
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS:
        problems.append("That password is too common.")
    local = normalize_email(email).split("@")[0]
    if (local and len(local) >= 4 and local in lowered) or (
        name and name.lower() in lowered and len(name) >= 4
    ):
        problems.append("Do not use your name or email address in the password.")
    return problems


def hash_password(password: str) -> str:
    """A salted scrypt hash (Werkzeug's default, a memory-hard algorithm)."""
    return generate_password_hash(password, method="scrypt")


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalize_email(email)))


def check_signup_rate(
    session: Session,
    address: str,
    now: dt.datetime | None = None,
    limit: int | None = None,
) -> None:
    """Raise RateLimited when one address has created ``limit`` accounts (default
    SIGNUPS_PER_ADDRESS) in the last SIGNUP_WINDOW."""
    limit = SIGNUPS_PER_ADDRESS if limit is None else limit
    now = now or utcnow()
    since = now - SIGNUP_WINDOW
    count, oldest = session.execute(
        select(func.count(), func.min(SignInAttempt.at)).where(
            SignInAttempt.email == SIGNUP_MARK,
            SignInAttempt.address == address[:64],
            SignInAttempt.at >= since,
        )
    ).one()
    if count >= limit:
        retry = int(((oldest or now) + SIGNUP_WINDOW - now).total_seconds()) + 1
        raise RateLimited(max(retry, 1), "new accounts from your network")


def create_user(
    session: Session,
    email: str,
    name: str,
    password: str,
    district: str = "",
    is_admin: bool = False,
    address: str | None = None,
    signup_limit: int | None = None,
) -> User:
    """A new account; raises AccountError for a taken email or a weak password.

    With ``address`` (a sign-up from the web), accounts per address are rate-limited
    and the sign-up is recorded with the sign-in attempts.
    """
    if address is not None:
        check_signup_rate(session, address, limit=signup_limit)
    email = normalize_email(email)
    if not email or "@" not in email:
        raise AccountError("Enter a valid email address.")
    if not name.strip():
        raise AccountError("Enter your name.")
    problems = password_problems(password, email, name)
    if problems:
        raise AccountError(" ".join(problems))
    if find_user(session, email):
        raise AccountError(
            "An account with that email already exists. Sign in instead."
        )
    user = User(
        email=email,
        name=name.strip(),
        district=district.strip(),
        password_hash=hash_password(password),
        is_admin=is_admin,
    )
    session.add(user)
    if address is not None:
        session.add(
            SignInAttempt(email=SIGNUP_MARK, address=address[:64], succeeded=True)
        )
    session.commit()
    return user


def _failures(
    session: Session, column, value: str, since: dt.datetime
) -> tuple[int, dt.datetime | None]:
    row = session.execute(
        select(func.count(), func.min(SignInAttempt.at)).where(
            column == value,
            SignInAttempt.succeeded.is_(False),
            SignInAttempt.at >= since,
        )
    ).one()
    return row[0], row[1]


def check_rate(
    session: Session, email: str, address: str, now: dt.datetime | None = None
) -> None:
    """Raise RateLimited when an email or an address has failed too often recently."""
    now = now or utcnow()
    since = now - WINDOW
    for column, value, limit in (
        (SignInAttempt.email, normalize_email(email), FAILURES_PER_EMAIL),
        (SignInAttempt.address, address, FAILURES_PER_ADDRESS),
    ):
        count, oldest = _failures(session, column, value, since)
        if count >= limit:
            retry = int(((oldest or now) + WINDOW - now).total_seconds()) + 1
            raise RateLimited(max(retry, 1))


def authenticate(
    session: Session, email: str, password: str, address: str
) -> User | None:
    """The user for these credentials, or None; every attempt is recorded and rate-limited."""
    check_rate(session, email, address)
    user = find_user(session, email)
    # Exactly one hash check either way, so timing does not reveal who has an account.
    stored = user.password_hash if user else _equalizer_hash()
    ok = check_password_hash(stored, password) and user is not None
    session.add(
        SignInAttempt(
            email=normalize_email(email)[:254], address=address[:64], succeeded=ok
        )
    )
    session.commit()
    return user if ok else None


_EQUALIZER: list[str] = []


def _equalizer_hash() -> str:
    """A hash made once with the same method as real ones, checked for unknown emails."""
    if not _EQUALIZER:
        _EQUALIZER.append(hash_password(secrets.token_urlsafe(16)))
    return _EQUALIZER[0]


def end_sessions(session: Session, user: User) -> None:
    """Sign the user out everywhere: every saved session cookie stops working."""
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(session_version=User.session_version + 1)
    )
    session.commit()


def _retire_resets(session: Session, user_id: int) -> None:
    """Every unused reset link of a user stops working (a newer one, or a new password)."""
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user_id, PasswordReset.used_at.is_(None))
        .values(used_at=utcnow())
    )


def update_profile(
    session: Session, user: User, name: str, district: str, email: str | None = None
) -> None:
    """Change name, district and (when given) email; an email already in use is refused."""
    if not name.strip():
        raise AccountError("Enter your name.")
    if email is not None:
        email = normalize_email(email)
        if not email or "@" not in email:
            raise AccountError("Enter a valid email address.")
        other = find_user(session, email)
        if other is not None and other.id != user.id:
            raise AccountError("Another account already uses that email address.")
        user.email = email
    user.name, user.district = name.strip(), district.strip()
    session.commit()


def change_password(session: Session, user: User, new_password: str) -> None:
    """Set a new password and sign out every other session of the user."""
    problems = password_problems(new_password, user.email, user.name)
    if problems:
        raise AccountError(" ".join(problems))
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    _retire_resets(session, user.id)
    session.commit()


def issue_reset(
    session: Session, user: User, lifetime: dt.timedelta = RESET_LIFETIME
) -> str:
    """A one-time password-reset token (only its hash is stored).

    Issuing one retires every earlier unused link of the user.
    """
    token = secrets.token_urlsafe(32)
    _retire_resets(session, user.id)
    session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=token_hash(token),
            expires_at=utcnow() + lifetime,
        )
    )
    session.commit()
    return token


def reset_for(session: Session, token: str) -> PasswordReset | None:
    """The unused, unexpired reset for a token, or None."""
    reset = session.scalar(
        select(PasswordReset).where(PasswordReset.token_hash == token_hash(token or ""))
    )
    if reset is None or reset.used_at is not None or reset.expires_at < utcnow():
        return None
    return reset


def reset_password(session: Session, token: str, new_password: str) -> User:
    """Use a reset link once: claimed by a conditional UPDATE, so two tabs cannot both."""
    invalid = AccountError(
        "This reset link has expired or was already used. Ask an administrator for a new one."
    )
    reset = reset_for(session, token)
    if reset is None:
        raise invalid
    user = session.get(User, reset.user_id)
    problems = password_problems(new_password, user.email, user.name)
    if problems:
        raise AccountError(" ".join(problems))
    claimed = session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.id == reset.id,
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at >= utcnow(),
        )
        .values(used_at=utcnow())
    )
    if claimed.rowcount != 1:
        session.rollback()
        raise invalid
    change_password(session, user, new_password)  # commits, with the claim
    return user
