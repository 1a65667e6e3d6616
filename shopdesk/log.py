"""Logging to a rotating file, with secrets redacted before anything is written.

API clients log URLs and payloads while debugging; app keys, tokens, signatures
and passwords must never reach the disk. The filter rewrites every record's final
message, so a secret passed as a %-argument is caught too.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from shopdesk import paths

SECRET_NAMES = (
    r"access_token|refresh_token|session|sign|app_secret|client_secret|secret|appkey|app_key|"
    r"key|token|password|passwd|authorization"
)
# name=value in URLs and form bodies (stops at &, whitespace or quote)
_QUERY = re.compile(rf"(?i)\b({SECRET_NAMES})=([^&\s\"',;]+)")
# "name": "value" in JSON
_JSON = re.compile(rf"(?i)(\"(?:{SECRET_NAMES})\"\s*:\s*\")([^\"]*)(\")")
# Authorization: Bearer xxx headers
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")

REDACTED = "***"


def redact(text: str) -> str:
    """Replace secret values in free text, URLs and JSON with ***."""
    text = _QUERY.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
    text = _JSON.sub(lambda m: f"{m.group(1)}{REDACTED}{m.group(3)}", text)
    return _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad %-format must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


_configured = False


def setup_logging(level: int = logging.INFO, log_file: Path | None = None) -> Path:
    """Configure the root 'shopdesk' logger once; returns the log file path."""
    global _configured
    log_file = log_file or paths.log_dir() / "shopdesk.log"
    logger = logging.getLogger("shopdesk")
    if _configured:
        return log_file
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    logger.setLevel(level)
    _configured = True
    return log_file
