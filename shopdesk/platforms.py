"""Platform codes and their names as operators say them."""

from __future__ import annotations

PLATFORMS = ("taobao", "jd", "pdd", "douyin")
PLATFORM_NAMES = {"taobao": "淘宝/天猫", "jd": "京东", "pdd": "拼多多", "douyin": "抖音"}
PLATFORM_NAMES_EN = {"taobao": "Taobao/Tmall", "jd": "JD", "pdd": "Pinduoduo", "douyin": "Douyin"}


def platform_name(code: str, language: str = "zh_CN") -> str:
    names = PLATFORM_NAMES if language.startswith("zh") else PLATFORM_NAMES_EN
    return names.get(code, code)
