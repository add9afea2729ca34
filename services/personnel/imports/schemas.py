from __future__ import annotations

from pydantic import Field

from kit.schemas import ApiModel


class RowError(ApiModel):
    row: int = Field(description="表格行号（表头为第1行）")
    column: str
    message: str


class ImportReport(ApiModel):
    total_rows: int
    imported_officers: int
    imported_certificates: int
    skipped_rows: list[int] = Field(default_factory=list, description="部分导入模式下跳过的行")
    errors: list[RowError] = Field(default_factory=list)
