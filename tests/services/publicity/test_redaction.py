"""The redaction engine (总局令第45号第七条 [S]; 行政处罚法第五十条 [V]): property-based tests
with generated Chinese texts embedding valid-checksum ID numbers, mobiles, landlines, bank cards
and addresses — and the bypass forms of issue 10 point 14: e-mails, IM handles, digit runs broken
by / , . - or spaces, full-width digits and Chinese-numeral ID numbers — then the same items
checked across every public endpoint; residue holds a record for review."""

from __future__ import annotations

import csv
import io
import random
import re
import uuid
from datetime import date

import pytest
from check_digits import with_id_check as with_check
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from common.calendar import WorkingCalendar
from common.context import Upstream
from services.publicity import redaction
from services.publicity.config import PublicitySettings
from services.publicity.context import Ctx
from services.publicity.disclosures.models import Disclosure
from services.publicity.disclosures.repository import PublicFilter
from services.publicity.disclosures.service import _fill_record, public_view
from services.publicity.feeds.service import render_atom
from services.publicity.feeds.templates import row_for

AREAS = ["110105", "500112", "310101", "440305", "510107", "330106"]
FILLER = ["当事人", "于2026年3月1日", "在经营场所", "销售过期食品", "经查", "罚款5000元", "，",
          "。", "执法人员现场检查发现", "违反了《食品安全法》第三十四条", "；", "其"]
PROVINCES = ["重庆市", "四川省成都市", "浙江省杭州市", "广东省深圳市"]
DISTRICTS = ["渝北区", "锦江区", "西湖区", "南山区", "木耳镇", "龙溪街道"]
ROADS = ["金山路", "人民大道", "解放街", "幸福巷", "新华南路"]
VILLAGES = ["石坪村", "光明村", "大河社区"]


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    born = draw(st.dates(date(1940, 1, 1), date(2012, 12, 31)))
    seq = draw(st.integers(0, 999))
    return with_check(f"{draw(st.sampled_from(AREAS))}{born:%Y%m%d}{seq:03d}")


@st.composite
def mobiles(draw: st.DrawFn) -> tuple[str, str]:
    digits = "1" + str(draw(st.integers(3, 9))) + f"{draw(st.integers(0, 10**9 - 1)):09d}"
    shape = draw(st.sampled_from(["{}", "{0:.3}-{1}-{2}", "{0:.3} {1} {2}", "+86 {}",
                                  "+86-{0:.3}-{1}-{2}"]))
    text = shape.format(digits, digits[3:7], digits[7:]) if "{1}" in shape else \
        shape.format(digits)
    return text, digits


@st.composite
def landlines(draw: st.DrawFn) -> tuple[str, str]:
    area = "0" + f"{draw(st.integers(10, 999))}"
    number = str(draw(st.integers(2, 9))) + f"{draw(st.integers(0, 10**6 - 1)):06d}" + \
        draw(st.sampled_from(["", str(draw(st.integers(0, 9)))]))
    shape = draw(st.sampled_from(["{a}-{n}", "({a}){n}", "（{a}）{n}", "{a} {n}", "{a}{n}"]))
    return shape.format(a=area, n=number), area + number


@st.composite
def bank_cards(draw: st.DrawFn) -> tuple[str, str]:
    length = draw(st.integers(16, 19))
    digits = draw(st.sampled_from(["62", "4", "5"]))
    digits += "".join(str(draw(st.integers(0, 9))) for _ in range(length - len(digits)))
    grouped = draw(st.booleans())
    text = " ".join(digits[i:i + 4] for i in range(0, length, 4)) if grouped else digits
    return text, digits


@st.composite
def addresses(draw: st.DrawFn) -> tuple[str, str]:
    """(full address, its house-level tail that must never survive)"""
    if draw(st.booleans()):
        tail = f"{draw(st.sampled_from(ROADS))}{draw(st.integers(1, 999))}号"
        if draw(st.booleans()):
            tail += f"{draw(st.integers(1, 30))}栋{draw(st.integers(1, 6))}单元" \
                    f"{draw(st.integers(101, 3205))}室"
    else:
        tail = f"{draw(st.sampled_from(VILLAGES))}{draw(st.integers(1, 12))}组"
    head = draw(st.sampled_from(PROVINCES)) + draw(st.sampled_from(DISTRICTS))
    return head + tail, tail


FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
SEPARATORS = ["/", ",", ".", "-", " ", "／", "，", "．", "　", " / "]


@st.composite
def bypasses(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """One bypass form: (text piece, strings that must not survive, digit runs)."""
    kind = draw(st.sampled_from(["email", "im", "broken", "fullwidth", "numerals"]))
    if kind == "email":
        local = draw(st.from_regex(r"[a-z][a-z0-9._]{2,12}[a-z0-9]", fullmatch=True))
        mail = f"{local}@{draw(st.sampled_from(['example.com', 'qq.com', 'mail.gov.cn']))}"
        return draw(st.sampled_from(["联系邮箱{}", "{}", "邮箱：{}"])).format(mail), \
            [mail, local + "@"], []
    if kind == "im":
        handle = draw(st.from_regex(r"[a-z][a-z0-9_\-]{5,18}[a-z0-9]", fullmatch=True))
        word = draw(st.sampled_from(["微信号", "微信", "QQ", "QQ号", "wx", "钉钉", "抖音号"]))
        return f"{word}{draw(st.sampled_from(['', '：', ':', ' ', '是']))}{handle}", \
            [handle], []
    idn = draw(id_numbers())
    if kind == "broken":
        mobile = "1" + str(draw(st.integers(3, 9))) + f"{draw(st.integers(0, 10**9 - 1)):09d}"
        sep = draw(st.sampled_from(SEPARATORS))
        text = sep.join([mobile[:3], mobile[3:7], mobile[7:]])
        return f"电话{text}" if draw(st.booleans()) else text, [text], [mobile]
    if kind == "fullwidth":
        wide = idn.translate(FULLWIDTH)
        return wide, [wide, idn], [idn[:17]]
    zero = draw(st.sampled_from("零〇"))
    spoken = "".join(zero if c == "0" else "一二三四五六七八九"[int(c) - 1] if c.isdigit()
                     else c for c in idn)
    return f"身份证{spoken}" if draw(st.booleans()) else spoken, [spoken, spoken[:17]], []


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """(text, strings that must not survive, digit sequences that must not survive)"""
    idn = draw(id_numbers())
    mobile, mobile_digits = draw(mobiles())
    land, land_digits = draw(landlines())
    card, card_digits = draw(bank_cards())
    addr, tail = draw(addresses())
    extra, extra_strings, extra_digits = draw(bypasses())
    pieces = [f"身份证号{idn}" if draw(st.booleans()) else idn,
              f"电话{mobile}" if draw(st.booleans()) else mobile, land, card,
              f"家住{addr}" if draw(st.booleans()) else addr, extra]
    random.Random(draw(st.integers(0, 10**6))).shuffle(pieces)
    parts: list[str] = []
    for piece in pieces:
        parts += draw(st.lists(st.sampled_from(FILLER), max_size=3)) + [piece, "，"]
    return "".join(parts), [idn, mobile, land, card, addr, tail, *extra_strings], \
        [idn[:17], mobile_digits, land_digits, card_digits, *extra_digits]


def survivors(output: str, strings: list[str], digit_runs: list[str]) -> list[str]:
    squeezed = re.sub(r"[\s\-－()（）+]", "", output)
    return [s for s in strings if s in output] + [d for d in digit_runs if d in squeezed]


class TestRedactorProperties:
    @settings(max_examples=300, deadline=None)
    @given(texts())
    def test_no_protected_item_survives_in_free_text(self, case: tuple) -> None:
        text, strings, digits = case
        assert survivors(redaction.Redactor().redact(text), strings, digits) == []

    @settings(max_examples=150, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(texts(), st.sampled_from(["person", "organization"]), st.booleans())
    def test_no_protected_item_survives_in_any_rendering(self, case: tuple, kind: str,
                                                         masked: bool) -> None:
        text, strings, digits = case
        idn = strings[0]
        payload = {"case_id": str(uuid.uuid4()), "agency_id": str(uuid.uuid4()),
                   "region_code": "500112", "document_number": "渝罚〔2026〕1号",
                   "party": {"kind": kind, "name": "王五", "id_number": idn,
                             "address": strings[4], "phone": strings[1]},
                   "matter": {"name": "占道经营"}, "facts": text,
                   "penalties": [{"kind": "fine", "amount_fen": 50000}], "fine_fen": 50000,
                   "license_affected": text, "deciding_agency": {"name": "渝北区城管局"}}
        record = Disclosure(id=uuid.uuid4(), case_id=uuid.uuid4(), status="published",
                            decided_on=date(2026, 3, 2), publicity_until=date(2027, 3, 2))
        ctx = Ctx(None, None, None, WorkingCalendar(), PublicitySettings(mask_person_name=masked),
                  Upstream())
        _fill_record(record, payload, ctx, None)
        outputs = [public_view(record).model_dump_json(), ",".join(row_for("legal", record)),
                   ",".join(row_for("natural", record)),
                   render_atom([record], PublicFilter(today=date(2026, 3, 3)), "http://x",
                               "http://x/feed").decode()]
        for output in outputs:
            assert survivors(output, strings, digits) == []
        assert record.masked_id_number in (None, idn[:6] + "********" + idn[-4:])


class TestRedactorExamples:
    def test_valid_checksum_is_recognised(self) -> None:
        assert redaction.id_checksum_ok("11010519491231002X")
        assert not redaction.id_checksum_ok("110105194912310021")

    def test_invalid_checksum_id_is_still_removed(self) -> None:
        assert "110105194912310021" not in redaction.Redactor().redact("号码110105194912310021")

    def test_fifteen_digit_legacy_id_is_removed(self) -> None:
        assert "110105491231002" not in redaction.Redactor().redact("旧证号110105491231002。")

    def test_third_person_named_by_role_is_hidden(self) -> None:
        assert redaction.Redactor().redact("证人王小明证实") == "证人某某证实"

    def test_third_person_given_by_name_is_hidden(self) -> None:
        out = redaction.Redactor(names=("赵六",)).redact("赵六在场")
        assert out == "某某在场"

    def test_organisation_bank_account_is_removed(self) -> None:
        out = redaction.Redactor().redact("开户行：中国工商银行渝北支行，账号：31000123。罚款")
        assert "工商银行" not in out and "31000123" not in out and out.endswith("罚款")

    def test_ordinary_facts_survive(self) -> None:
        text = "当事人于2026年3月1日销售过期食品，违反《食品安全法》第三十四条，罚款5000元。"
        assert redaction.Redactor().redact(text) == text

    def test_document_number_and_ordinal_survive(self) -> None:
        text = "依据渝罚〔2026〕12号第3组"
        assert redaction.Redactor().redact(text) == text

    def test_mask_keeps_first_six_and_last_four(self) -> None:
        assert redaction.mask_id_number("11010519491231002X") == "110105********002X"

    def test_masked_name_shows_surname_only(self) -> None:
        assert redaction.display_name("张三丰", masked=True) == "张**"


class TestBypassesAndResidue:
    @pytest.mark.parametrize("text,gone", [
        ("联系邮箱zhouba@example.com", "zhouba"), ("微信号zhouba_1970", "zhouba_1970"),
        ("电话135/1234/5678", "5678"), ("手机１３５１２３４５６７８", "５６７８"),
        ("身份证五零零一一二一九八零零一零一一二三七X", "一二三七"),
        ("QQ 12345678", "12345678"),
    ])
    def test_issue_examples_are_removed(self, text: str, gone: str) -> None:
        out = redaction.Redactor().redact(text)
        assert gone not in out and redaction.REMOVED in out

    def test_residue_is_wider_than_removal_but_spares_dates_and_amounts(self) -> None:
        assert redaction.residue("编号1234567") == "1234567"
        assert redaction.residue("联系我 zhou@") == "@"
        assert redaction.residue("于2026-03-01查获违法所得12,345.67元、货物1234567件") is None
        assert redaction.residue("身份证号[已隐去]，手机[已隐去]") is None

    async def test_a_record_with_residue_is_held_for_review(self, zhifa, publicity) -> None:
        payload = await publicity.decide(
            facts="当事人留下备用号码1234567，于2026年3月1日销售过期食品。")
        record = await publicity.record(payload["case_id"])
        assert record.status == "pending"
        assert record.status_rule is not None and "行政处罚法第五十条" in record.status_rule
        listed = (await zhifa.client.get("/api/v1/publicity/decisions")).json()["items"]
        assert listed == []


PUBLIC_PATHS = ["/api/v1/publicity/decisions", "/api/v1/publicity/decisions?q=王五",
                "/api/v1/publicity/feeds/decisions.atom",
                "/api/v1/publicity/exports/penalties.csv?template=natural",
                "/api/v1/publicity/exports/penalties.csv?template=legal"]


class TestPublicEndpointsNeverLeak:
    async def test_generated_items_appear_in_no_public_response(self, zhifa, publicity) -> None:
        cases = _examples(5)
        ids = []
        for i, (text, strings, _) in enumerate(cases):
            payload = await publicity.decide(
                facts=text, party={"kind": "person" if i % 2 else "organization",
                                   "name": "王五", "id_number": strings[0],
                                   "phone": strings[1], "address": strings[4]})
            ids.append((await publicity.record(payload["case_id"])).id)
        bodies = [(await zhifa.client.get(p)).text for p in PUBLIC_PATHS]
        bodies += [(await zhifa.client.get(f"/api/v1/publicity/decisions/{i}")).text
                   for i in ids]
        xlsx = await zhifa.client.get("/api/v1/publicity/exports/penalties.xlsx",
                                      params={"template": "natural"})
        bodies.append(_xlsx_text(xlsx.content))
        assert all("王五" in b for b in bodies[:1])
        for _text, strings, digits in cases:
            for body in bodies:
                assert survivors(body, strings, digits) == []
        assert all(b.count("[已隐去]") for b in bodies[:1])


    async def test_inspection_and_certificate_pages_carry_no_personal_data(self, zhifa
                                                                            ) -> None:
        """扫码入企 (`/cases/inspections/by-code/{code}`) and the certificate check
        (`/personnel/certificates/verify/{code}`) show names and certificate numbers only."""
        from factories import world
        from inspection_factories import Inspections

        w = await world(zhifa)
        x = Inspections(w)
        target = await x.target(address="重庆市渝北区龙溪街道金山路18号3栋2单元501室")
        i = await x.create(await x.item(), target)
        await x.act(i, "approve")
        bodies = [(await zhifa.client.get(f"/api/v1/cases/inspections/by-code/"
                                          f"{i['public_code']}")).text]
        for officer in i["officers"]:
            bodies.append((await zhifa.client.get(
                "/api/v1/personnel/certificates/verify/"
                f"{officer['certificate_numbers'][0]}")).text)
        id_like, phone_like = re.compile(r"\d{17}[\dX]"), re.compile(r"(?<!\d)1\d{10}(?!\d)")
        for body in bodies:
            assert '"name"' in body and "金山路" not in body and target["uscc"] not in body
            assert not id_like.search(body) and not phone_like.search(body), body
            for key in ("id_number", "phone", "address", "birth"):
                assert f'"{key}' not in body, body


def _examples(n: int) -> list[tuple]:
    """Draw `n` generated texts through @given (no `.example()` outside hypothesis)."""
    out: list[tuple] = []

    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate])
    @given(texts())
    def collect(case: tuple) -> None:
        out.append(case)

    collect()
    return out[:n]


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=True)
    out = io.StringIO()
    writer = csv.writer(out)
    for row in wb.active.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()
