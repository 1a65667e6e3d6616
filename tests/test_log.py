"""Secrets never reach the log file."""

from __future__ import annotations

import logging
from pathlib import Path

from shopdesk.log import RedactingFilter, redact


def test_redacts_tokens_signatures_and_passwords() -> None:
    line = (
        "POST https://gw.example/router/rest?app_key=12345678&session=6100abc&sign=66987CB1&v=2.0 "
        '{"access_token": "tok-1", "client_secret": "sec-2", "page": 1} '
        "Authorization: Bearer eyJhbGciOi.x-y password=hunter2"
    )
    cleaned = redact(line)
    for secret in ("12345678", "6100abc", "66987CB1", "tok-1", "sec-2", "eyJhbGciOi", "hunter2"):
        assert secret not in cleaned
    assert "v=2.0" in cleaned and '"page": 1' in cleaned


def test_log_file_has_no_secret_even_from_format_args(tmp_path: Path) -> None:
    log_file = tmp_path / "x.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("shopdesk.test_redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        logger.info("calling %s", "https://oapi.dingtalk.com/robot/send?access_token=abcdef123&x=1")
        try:
            raise RuntimeError("failed with secret=topsecret99")
        except RuntimeError:
            logger.exception("sync failed")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = log_file.read_text(encoding="utf-8")
    assert "abcdef123" not in text and "topsecret99" not in text
    assert "access_token=***" in text and "x=1" in text
