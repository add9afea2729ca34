"""Redaction by rule before anything is stored for the public (公示信息脱敏).

Hides what 总局令第45号第七条 / 浙江省行政处罚结果信息网上公开暂行办法第七条 [S] and
行政处罚法第五十条 (personal privacy is kept confidential) [V] keep out of public disclosure:
natural persons' 身份证号码, 通信方式 (mobile and landline numbers), 家庭住址, 银行账号,
the names of natural persons other than the punished party (证人等), and organisations' 银行账号.

Conservative by design: any run of 10 or more digits (spaces and dashes between them allowed,
an ID check character ``X`` at the end) is removed whatever it is — an 18-digit ID with or
without a valid GB 11643 checksum, a 15-digit legacy ID, a mobile number with or without +86,
a bank card of 16–19 digits in any grouping. Landlines are removed with their area code in any
bracket or dash form, and short numbers after a 电话/手机/联系方式 keyword. Text after 住址 /
开户行 / 账号 keywords is removed up to the next punctuation, and house-level address chains
(…路18号3栋2单元501室, …村3组) are removed with the place names leading to them.

Bypasses closed (issue 10, point 14): e-mail addresses; IM handles after 微信号/微信/QQ/钉钉/
抖音/微博 keywords; digit runs broken by ``/ , . -`` or spaces (ASCII or full-width); full-width
digits; and digit runs written in Chinese numerals (``五零零一一二…``, 〇/零/一…九/壹…玖/幺),
counted like Arabic digits. `residue(text)` is a wider net than the removal rules (7+ digits, a
leftover ``@``, a contact keyword still followed by characters): a record whose public text
still matches it is held for review instead of being published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

REMOVED = "[已隐去]"
NAME_REMOVED = "某某"

_FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－　＠．／＋", "0123456789Xx- @./+")
_SEP = r"[\s\-－—–.·/,，．]"
# a digit: Arabic, or a Chinese numeral read digit by digit (身份证号 spoken/written out)
_D = "0-9〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺"
# ≥ 10 digits with optional separators between them, optionally ending in an ID check char
_DIGIT_RUN = re.compile(
    rf"(?<![{_D}])\+?[{_D}](?:{_SEP}*[{_D}]){{9,}}(?:{_SEP}*[Xx叉])?(?![{_D}])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+\s*@\s*[A-Za-z0-9\-]+(?:\s*\.\s*[A-Za-z0-9\-]+)+")
_IM_KEYWORD = re.compile(
    r"(?:微信号|微信|vx|VX|wx|WX|WeChat|wechat|QQ号|QQ|qq|钉钉号?|抖音号?|快手号?|微博)"
    r"[：:\s为是]*[A-Za-z0-9_\-.@]{3,}")
# dates and amounts are digit runs that are not personal data
_NOT_PERSONAL = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|"
    r"\d[\d,，.]*\s*(?:万元|元|万|千克|公斤|克|吨|平方米|立方米|米|升|件|个|箱|瓶|袋)")
_RESIDUE = re.compile(
    rf"[{_D}](?:{_SEP}?[{_D}]){{6,}}|@|"
    r"(?:身份证|手机|电话|微信|QQ|qq|邮箱|e-?mail|Email|E-mail)[号码]*[：:\s为是]*"
    r"(?!\[已隐去\])[A-Za-z0-9一二三四五六七八九零〇]")
_LANDLINE = re.compile(
    r"(?<!\d)[(（]?0\d{2,3}[)）]?\s*[-－—]?\s*\d{3,4}\s*[-－—]?\s*\d{4}(?:\s*(?:转|-|ext\.?)\s*\d{1,6})?")
_PHONE_KEYWORD = re.compile(
    r"(?:联系电话|联系方式|电话号码|手机号码|手机号|手机|电话|座机|传真|微信号?|QQ|tel|Tel|TEL)"
    r"[：:\s为是]*[+\d()（）\-－—\s]{5,}")
_ACCOUNT_KEYWORD = re.compile(
    r"(?:开户银行|开户行|开户名|银行账号|银行帐号|银行账户|银行卡号|银行卡|收款账号|收款账户|账号|帐号|"
    r"账户|帐户|卡号)[：:\s为是]*[^，。；;,、）)\n]*")
_ADDRESS_KEYWORD = re.compile(
    r"(?:家庭住址|家庭地址|现住址|现住|住址|住所地|住所|家住|居住于|居住在|居住地|住在|户籍地址|"
    r"户籍所在地|户籍地|户籍|通讯地址|联系地址|地址)[：:\s为是]*[^，。；;,、）)\n]*")
_NUM = r"[0-9一二三四五六七八九十百零〇]+"
_HOUSE = re.compile(
    rf"(?:{_NUM}|[A-Za-z])(?:[-－]{_NUM})?(?:号院|号楼|号|栋|幢|座|单元|楼|层|室|组|弄)")
_PLACE_CHAR = re.compile(r"[\u4e00-\u9fa50-9A-Za-z\-－]")
_STOP_CHARS = set("在于住至到从是为的向和与及")
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
    "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝"
)
_THIRD_PARTY_ROLE = re.compile(
    r"(?P<role>证人|证明人|见证人|受害人|被害人|举报人|投诉人|报案人|目击者|目击人|委托代理人|"
    r"法定代理人|代理人|监护人|联系人|其妻|其夫|妻子|丈夫|其子|其女|邻居)[：:\s]?"
    rf"(?P<name>(?:欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|[{_SURNAMES}])[\u4e00-\u9fa5]"
    r"(?:(?![证称说陈提反在于等和与及向到将已也都对是的、])[\u4e00-\u9fa5])?)")
_ID18 = re.compile(r"\d{17}[\dXx]")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_checksum_ok(value: str) -> bool:
    """居民身份证号码 check character (GB 11643-1999, ISO 7064 MOD 11-2)."""
    s = value.upper()
    if not _ID18.fullmatch(s):
        return False
    total = sum(int(a) * w for a, w in zip(s[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == s[17]


def mask_id_number(value: str | None, head: int = 6, tail: int = 4) -> str | None:
    """The private export field: keep `head` and `tail` characters, star the rest."""
    if not value:
        return None
    s = value.strip().upper()
    if head + tail >= len(s):
        return "*" * len(s)
    return s[:head] + "*" * (len(s) - head - tail) + (s[-tail:] if tail else "")


def display_name(name: str, masked: bool) -> str:
    """A natural person's name in full, or as 张* when the region masks names."""
    name = name.strip()
    if not masked or len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)


@dataclass(frozen=True)
class Redactor:
    """Removes protected items from free text. `literals` are exact strings known from the
    event (the party's own ID number, phone, address); `names` are third persons to hide."""

    literals: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @classmethod
    def for_party(cls, party: dict, third_parties: Iterable[str] = ()) -> Redactor:
        literals = [str(party.get(k) or "").strip() for k in ("id_number", "phone", "address")]
        return cls(tuple(sorted({v for v in literals if len(v) >= 4}, key=len, reverse=True)),
                   tuple(sorted({n.strip() for n in third_parties if n and len(n.strip()) >= 2},
                                key=len, reverse=True)))

    def redact(self, text: str | None) -> str:
        if not text:
            return ""
        out = text.translate(_FULLWIDTH)
        for literal in self.literals:
            out = out.replace(literal.translate(_FULLWIDTH), REMOVED)
        for name in self.names:
            out = out.replace(name, NAME_REMOVED)
        out = _EMAIL.sub(REMOVED, out)
        out = _IM_KEYWORD.sub(REMOVED, out)
        out = _ACCOUNT_KEYWORD.sub(REMOVED, out)
        out = _ADDRESS_KEYWORD.sub(REMOVED, out)
        out = _PHONE_KEYWORD.sub(REMOVED, out)
        out = _DIGIT_RUN.sub(REMOVED, out)
        out = _LANDLINE.sub(REMOVED, out)
        out = _remove_addresses(out)
        out = _THIRD_PARTY_ROLE.sub(lambda m: m.group("role") + NAME_REMOVED, out)
        return re.sub(rf"(?:{re.escape(REMOVED)})+", REMOVED, out)


def _remove_addresses(text: str) -> str:
    """House-level address chains, widened left over the place names that lead to them."""
    spans: list[tuple[int, int]] = []
    for m in _HOUSE.finditer(text):
        start = m.start()
        if start == 0 or text[start - 1] in "第〕]】)）":
            continue  # 第3组, 〔2026〕12号: ordinals and document numbers stay
        end = m.end()
        while (nxt := _HOUSE.match(text, end)) is not None:
            end = nxt.end()
        while (start > 0 and _PLACE_CHAR.match(text[start - 1])
               and text[start - 1] not in _STOP_CHARS and m.start() - start < 40):
            start -= 1
        spans.append((start, end))
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(text[pos:start] + REMOVED)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def contains_protected(text: str) -> bool:
    """A last check on public output: any digit run a rule above would have removed."""
    normalized = text.translate(_FULLWIDTH)
    return bool(_DIGIT_RUN.search(normalized) or _LANDLINE.search(normalized)
                or _EMAIL.search(normalized))


def residue(text: str | None) -> str | None:
    """What in already-redacted public text still looks like personal data (wider than the
    removal rules), or None. A record with residue is held for review, not published."""
    if not text:
        return None
    normalized = _NOT_PERSONAL.sub(" ", text.translate(_FULLWIDTH))
    m = _RESIDUE.search(normalized) or _DIGIT_RUN.search(normalized)
    return m.group(0) if m else None
