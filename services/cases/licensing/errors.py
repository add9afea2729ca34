"""Problems of 行政许可. Refusals that come from the law carry the article in `rule`."""

from kit import errors


class LicenceMatterNotFound(errors.NotFound):
    title = "许可事项不存在"


class LicenceApplicationNotFound(errors.NotFound):
    title = "许可申请不存在"


class LicenceNotFound(errors.NotFound):
    title = "许可证件不存在"


class LicenceMatterInvalid(errors.UnprocessableEntity):
    """The matter definition breaks a rule (e.g. an entrusted matter without its agreement, a
    number pattern with fields other than {prefix} {year} {seq}, a fee without legal basis,
    行政许可法第五十八条)."""

    title = "许可事项内容不符合要求"


class LicenceMatterNotPublished(errors.Conflict):
    """未公示的许可事项不得受理申请 (行政许可法第三十条、第三十三条): only the published
    current version takes applications."""

    title = "许可事项未公示，不得受理申请"


class ApplicantInvalid(errors.UnprocessableEntity):
    """身份证号 (GB 11643) or 统一社会信用代码 (GB 32100) fails its check digit."""

    title = "申请人身份信息无效"


class ApplicantBanned(errors.Conflict):
    """申请人在禁止期内不得再次申请该行政许可: 1 year after false materials (行政许可法第七十八条),
    3 years after a licence obtained by fraud or bribery (第七十九条)."""

    title = "申请人在禁止申请期内"


class ApplicationActionNotAllowed(errors.Conflict):
    """The action is not allowed in the application's current state (extensions: `rule`,
    `state`, `allowed_actions`)."""

    title = "当前状态不允许该操作"


class CorrectionAlreadyServed(errors.Conflict):
    """补正应当一次告知申请人需要补正的全部内容 (行政许可法第三十二条第一款第四项): a second
    补正 notice for the same application is refused."""

    title = "补正通知只能一次告知"


class ApplicationDeemedAccepted(errors.Conflict):
    """逾期不告知的，自收到申请材料之日起即为受理 (行政许可法第三十二条第一款第四项): a 补正
    notice after the 5th working day is refused and the application stands accepted on the
    receipt day — that acceptance is kept although the request is refused."""

    title = "逾期未告知补正，申请自收到材料之日起即为受理"
    persist_changes = True


class MaterialsIncomplete(errors.Conflict):
    """Required materials are missing: the agency must serve one 补正 notice instead of
    accepting (行政许可法第三十二条第一款第四项、第五项)."""

    title = "申请材料不齐全，应当一次告知补正"


class ReviewersInsufficient(errors.UnprocessableEntity):
    """对申请材料的实质内容进行核实的，应当指派两名以上工作人员进行核查 (行政许可法第三十四条
    第三款)."""

    title = "实质核查须两名以上工作人员"


class HearingNotAllowed(errors.Conflict):
    """A hearing rule of 行政许可法第四十六条–第四十八条 is not met (late request, notice less
    than 7 days before, the reviewer as host, a decision before the hearing)."""

    title = "不符合听证程序规定"


class SuspensionInvalid(errors.UnprocessableEntity):
    """第四十五条: only 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 (and a matter's own
    公示 steps) are excluded, dated, with a written notice to the applicant."""

    title = "不计入期限的期间不符合要求"


class ExtensionNotAllowed(errors.Conflict):
    """二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知
    申请人 (行政许可法第四十二条第一款): once, before the 20 days run out, by the head
    (until personnel has a head attribute: an `agency_admin` of the deciding agency)."""

    title = "不得延长许可决定期限"


class DecisionInvalid(errors.Conflict):
    """The decision cannot be made as asked (no review yet, 第三十四条; a refusal without
    reasons, 第三十八条第二款; a decision not based on the hearing record, 第四十八条第二款)."""

    title = "许可决定不符合法定要求"


class LicenceActionNotAllowed(errors.Conflict):
    """The licence cannot be changed, renewed, withdrawn, revoked or cancelled now (extensions:
    `rule`, `state`)."""

    title = "许可证件当前状态不允许该操作"


class RenewalTooLate(errors.Conflict):
    """被许可人需要延续的，应当在有效期届满三十日前提出申请 (行政许可法第五十条第一款)."""

    title = "延续申请未在有效期届满三十日前提出"


class MaterialRejected(errors.UnprocessableEntity):
    title = "申请材料文件不被接受"


class LinkInvalid(errors.UnprocessableEntity):
    """A reference to a licence (from a case) or to an inspection (the 现场核查 of an
    application) that does not exist, or belongs to neither the same agency nor the same region.
    Extensions: `licence_id` or `inspection_id`."""

    title = "关联的许可证件或现场核查记录不存在或不属本机关、本辖区"


class StaffNotEligible(errors.UnprocessableEntity):
    """A reviewer (审查人员, 行政许可法第三十四条第三款) or the hearing host (听证主持人,
    第四十八条第一款第三项: 行政机关指定的工作人员) is not an active, on-post officer of the
    licensing agency (or of a body under it) in personnel. Extensions: `rule`, `staff`
    (each id with its reasons)."""

    title = "审查人员或听证主持人不是本机关在岗工作人员"
