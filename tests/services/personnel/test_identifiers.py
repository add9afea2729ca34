"""GB 32100-2015 (统一社会信用代码) and GB 11643-1999 (身份证号) with the standards' own
examples and corrupted variants."""

from datetime import date

import pytest

from services.personnel.identifiers import (
    PiiVault,
    mask_id_number,
    uscc_check_char,
    validate_id_number,
    validate_uscc,
)


class TestValidateUscc:
    def test_accepts_the_gb_32100_example(self) -> None:
        assert validate_uscc("91350100M000100Y43") == "91350100M000100Y43"

    def test_normalises_lower_case(self) -> None:
        assert validate_uscc("91350100m000100y43") == "91350100M000100Y43"

    @pytest.mark.parametrize("code", ["91350100M000100Y44", "91350100M000100Y4",
                                      "91350100M000100Y43X", "91350100M000100I43",
                                      "81350100M000100Y43"])
    def test_rejects_corrupted_codes(self, code: str) -> None:
        with pytest.raises(ValueError):
            validate_uscc(code)

    def test_check_character_zero_when_remainder_is_zero(self) -> None:
        """GB 32100-2015: C18 = (31 − r) mod 31; with r = 0 the check char is '0', not an
        index error (the pitfall `alphabet[31 − r]`)."""
        prefix = next(p for p in (f"9135010000000{n:04d}" for n in range(10000))
                      if uscc_check_char(p) == "0")
        assert validate_uscc(prefix + "0") == prefix + "0"


class TestValidateIdNumber:
    def test_accepts_the_gb_11643_example(self) -> None:
        assert validate_id_number("11010519491231002X") == "11010519491231002X"

    def test_accepts_lower_case_x(self) -> None:
        assert validate_id_number("11010519491231002x") == "11010519491231002X"

    def test_rejects_wrong_check_digit(self) -> None:
        with pytest.raises(ValueError, match="校验位"):
            validate_id_number("110105194912310021")

    def test_rejects_impossible_birth_date(self) -> None:
        with pytest.raises(ValueError, match="出生日期"):
            validate_id_number("110105194902300021")

    def test_rejects_future_birth_date(self) -> None:
        with pytest.raises(ValueError, match="出生日期"):
            validate_id_number("110105203001010011", today=date(2026, 1, 1))

    def test_rejects_wrong_length(self) -> None:
        with pytest.raises(ValueError, match="18位"):
            validate_id_number("11010519491231002")


class TestMaskIdNumber:
    def test_keeps_first_six_and_last_four(self) -> None:
        assert mask_id_number("11010519491231002X") == "110105********002X"


class TestPiiVault:
    def test_round_trip_and_stable_blind_index(self, tmp_path) -> None:
        vault = PiiVault.load(None, str(tmp_path), generate=True)
        token = vault.encrypt("11010519491231002X")
        assert "11010519491231002X" not in token
        assert vault.decrypt(token) == "11010519491231002X"
        again = PiiVault.load(None, str(tmp_path), generate=False)
        assert again.index("11010519491231002X") == vault.index("11010519491231002X")

    def test_refuses_to_generate_outside_dev(self, tmp_path) -> None:
        with pytest.raises(RuntimeError):
            PiiVault.load(None, str(tmp_path), generate=False)
