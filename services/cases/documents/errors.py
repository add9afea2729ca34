"""执法文书 problem types. Refusals that come from law name the article (`rule`, and per
missing element `article`)."""

from kit import errors


class DocumentTemplateNotFound(errors.NotFound):
    title = "文书模板不存在"


class DocumentNotFound(errors.NotFound):
    title = "文书不存在"


class DocumentFieldsMissing(errors.UnprocessableEntity):
    """The document lacks content the law requires (e.g. 行政处罚法第五十九条 for the 决定书,
    行政强制法第二十四条 for the 查封（扣押）决定书). Extension `missing: [{field, label,
    article}]`, `rule`."""

    title = "文书缺少法定必备内容"


class DocumentFieldsUnknown(errors.UnprocessableEntity):
    """`fields` names variables the template does not use (extension `unknown`)."""

    title = "文书字段不属于该模板"


class DocumentAlreadyIssued(errors.Conflict):
    """A document that exists once per case (决定书, 立案审批表…) is changed only by a
    correction: a new version that names the one it replaces (`replaces_id`)."""

    title = "该文书已制作，更正请制作新版本"


class DocumentNotIssuable(errors.Conflict):
    """The case has no number of the kind the document carries yet (e.g. no 决定书号 before
    the decision), or the document belongs to another subject kind."""

    title = "当前案件状态不能制作该文书"


class DocumentTemplateInvalid(errors.UnprocessableEntity):
    """An uploaded template failed validation (extension `reasons`): unknown variables, no
    render with the full fixture context, or `{{`/`{%` left in the output."""

    title = "文书模板校验未通过"


class DocumentNumberRangeInvalid(errors.UnprocessableEntity):
    """A pre-allocated number is outside the holder's range, already used, or the range
    belongs to another officer or device."""

    title = "预分配文书编号无效"


class DocumentServiceInvalid(errors.UnprocessableEntity):
    """A 送达 lacking what its method needs (民事诉讼法第八十七条–第九十五条; 电子送达须当事人
    同意, 行政处罚法第六十一条第二款). Extension `rule`."""

    title = "送达记录不符合法定要求"


class PdfUnavailable(errors.ServiceUnavailable):
    """No LibreOffice on this server: the .docx still works."""

    title = "PDF 转换不可用"
