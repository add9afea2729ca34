"""Problems of 监督文书. Refusals of a rule name it (`rule`) and the local precedent it follows
(the national deadlines are UNVERIFIED, the periods are settings)."""

from kit import errors


class InstrumentNotFound(errors.NotFound):
    title = "监督文书不存在"


class InstrumentOutOfRegion(errors.Forbidden):
    title = "只能向本辖区的单位发出监督文书"


class InstrumentStateConflict(errors.Conflict):
    title = "监督文书当前状态不允许此操作"


class ObjectionPeriodExpired(errors.Conflict):
    """复查申请期限: 收到监督文书之日起10日内 (质监 rule precedent)."""

    title = "已超过申请复查的期限"
    article = ("行政执法监督条例（地方实践）：对监督通知（决定）书有异议的，"
               "可在收到之日起10日内申请复查")


class ObjectionAlreadyLodged(errors.Conflict):
    title = "该监督文书已申请过复查"
    article = "每份监督文书只能申请一次复查"


class EscalationNotDue(errors.Conflict):
    """约谈 → 通报 → 督办 only after a late, missing or rejected reply, one step at a time."""

    title = "不符合升级督办的条件"
    article = "逾期未回复、逾期回复或整改不到位的，依次约谈、通报、督办"
