"""Reposts made from an article the way sites repost news: their own header and footer, a few words changed.

Used by benchmarks/repost_threshold.py (to measure the threshold of kg.reposts) and by the tests.
"""

from __future__ import annotations

import random

SITES = ["通辽日报", "内蒙古新闻网", "北方新报", "科尔沁晚报", "草原网", "中国经济网", "新华网", "人民网"]
NAMES = ["王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄勇"]
HEADERS = ["来源：{site}  发布时间：{date}  浏览次数：{n}", "{site}讯（记者 {name} 通讯员 {name2}）",
           "首页 > 新闻中心 > 地方要闻 > 正文   字号：大 中 小   {date}"]
FOOTERS = ["责任编辑：{name}  审核：{name2}  版权所有 {site} 未经授权禁止转载", "（来源：{site} 编辑：{name}）",
           "【打印本页】【关闭窗口】 分享到：微信 微博 QQ空间  本文来源：{site}"]
FILLERS = "的了和与及在为将其该此"


def repost(text: str, rng: random.Random, edits: int = 5) -> str:
    """`text` under another site's header and footer, with `edits` Chinese characters replaced."""
    chars = list(text)
    han = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
    for i in rng.sample(han, min(edits, len(han))):
        chars[i] = rng.choice(FILLERS)
    fill = {"site": rng.choice(SITES), "name": rng.choice(NAMES), "name2": rng.choice(NAMES),
            "date": f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "n": rng.randint(10, 9999)}
    return rng.choice(HEADERS).format(**fill) + "\n" + "".join(chars) + "\n" + rng.choice(FOOTERS).format(**fill) + "\n"
