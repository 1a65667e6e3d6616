"""The command line as people who automate shopdesk use it: clear messages,
exit code 2 for bad arguments, the same services as the GUI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk import __version__
from shopdesk.cli import main


def run(*args: str, env_lang: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ, SHOPDESK_LANG=env_lang)
    return subprocess.run(
        [sys.executable, "-m", "shopdesk", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"shopdesk {__version__}"


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["--bogus"], "无法识别的参数：--bogus", "Unrecognized arguments: --bogus"),
        (["frobnicate"], "不是有效的选项", "is not a valid choice"),
        (["demo"], "缺少必需的参数：--out", "Missing required arguments: --out"),
        (["--db"], "参数 --db 需要一个值", "Argument --db needs a value"),
    ],
)
def test_bad_arguments_exit_2_with_clear_message(args: list[str], chinese: str, english: str) -> None:
    zh = run(*args)
    assert zh.returncode == 2
    assert chinese in zh.stderr and "--help" in zh.stderr
    en = run(*args, env_lang="en")
    assert en.returncode == 2
    assert english in en.stderr


def test_help_mentions_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "demo" in result.stdout and "--db" in result.stdout


def test_demo_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "exists.sqlite3"
    existing.write_bytes(b"keep me")
    assert main(["demo", "--out", str(existing)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert existing.read_bytes() == b"keep me"


def test_demo_with_gui_flag_and_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--demo", "demo", "--out", "x.sqlite3"])
    assert exit_info.value.code == 2
    assert "不能与子命令同时使用" in capsys.readouterr().err
