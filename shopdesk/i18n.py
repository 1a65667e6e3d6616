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
    "{prog}: error: {message}": "{prog}：错误：{message}",
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
    # command line
    "Run '{prog} --help' to see what it accepts.": "运行“{prog} --help”查看可用的参数。",
    "Unrecognized arguments: {x}": "无法识别的参数：{x}",
    "Missing required arguments: {x}": "缺少必需的参数：{x}",
    "Argument {a} needs a value": "参数 {a} 需要一个值",
    "Argument {a}: {x} is not a valid choice (choose from {c})": "参数 {a}：{x} 不是有效的选项（可选：{c}）",
    "Argument {a}: {x} is not a valid {t} value": "参数 {a}：{x} 不是有效的 {t} 值",
    "--demo opens the GUI and cannot be combined with a command": "--demo 用于打开图形界面，不能与子命令同时使用",
    "shopdesk — one desk for Taobao/Tmall, JD, Pinduoduo and Douyin operations.": "shopdesk —— 淘宝/天猫、京东、拼多多、抖音店铺运营的统一工作台。",
    "database file or postgresql:// URL (default: SHOPDESK_DB or the user data folder)": "数据库文件或 postgresql:// 地址（默认：环境变量 SHOPDESK_DB 或用户数据目录）",
    "open the GUI on a generated demo database": "用生成的演示数据库打开图形界面",
    "language of messages and the GUI": "提示信息和界面的语言",
    "write a demo database": "生成演示数据库",
    "file to write": "要写入的文件",
    "overwrite PATH if it exists": "文件已存在时覆盖",
    "Cannot open the database: {reason}": "无法打开数据库：{reason}",
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
