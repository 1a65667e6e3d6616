"""Translations for messages produced outside Qt (CLI, services, importers).

The GUI translates its own strings through Qt's ``tr()`` and .qm files. Messages
that come from the Qt-free core (an import refused, a bad argument) are written in
English in the code and looked up here, so the CLI and the GUI show the same
Chinese text. Chinese is the default; ``SHOPDESK_LANG=en`` or the settings switch
to English.
"""

from __future__ import annotations

import os

_language = os.environ.get("SHOPDESK_LANG", "zh_CN")

# English source text → Simplified Chinese. Keys use str.format placeholders.
ZH_CN: dict[str, str] = {
    "error": "错误",
    "warning": "警告",
    "Unknown platform: {value}": "未知平台：{value}",
    "The database file {path} is on a network drive. SQLite locking is not safe there; "
    "use team mode (PostgreSQL) to share data.": "数据库文件 {path} 位于网络驱动器上。SQLite 在网络盘上的文件锁不可靠，"
    "多人共享数据请使用团队模式（PostgreSQL）。",
    "Cannot open the database {path}: {reason}": "无法打开数据库 {path}：{reason}",
    "The database {path} was made by a newer shopdesk (schema {found}); this version knows "
    "up to {known}. Please update shopdesk.": "数据库 {path} 由更新版本的 shopdesk 创建（结构版本 {found}），"
    "当前版本只支持到 {known}。请升级 shopdesk。",
    "Backed up the database to {path} before upgrading it.": "升级数据库前已备份到 {path}。",
    "Database upgrade failed, the file was left as before: {reason}": "数据库升级失败，文件保持原样：{reason}",
    "Demo database written to {path} in {seconds:.1f} s": "演示数据库已写入 {path}，用时 {seconds:.1f} 秒",
    "{path} already exists; choose another path or delete it first.": "{path} 已存在；请换一个路径或先删除它。",
    "Writing demo data": "正在生成演示数据",
    "Cancelled": "已取消",
}


def set_language(language: str) -> None:
    global _language
    _language = language


def language() -> str:
    return _language


def _(text: str, **params: object) -> str:
    """Translate ``text`` to the current language and fill its placeholders."""
    template = ZH_CN.get(text, text) if _language.startswith("zh") else text
    return template.format(**params) if params else template
