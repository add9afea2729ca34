"""Problems of 案件联合会商."""

from kit import errors


class ConsultationNotFound(errors.NotFound):
    title = "案件会商不存在"


class ParticipantNotFound(errors.NotFound):
    title = "会商参加方不存在"


class ConsultationNotAllowed(errors.Forbidden):
    title = "无权办理该案件会商"


class UnknownAgency(errors.UnprocessableEntity):
    title = "执法机关不存在"


class ConsultationConcluded(errors.Conflict):
    title = "案件会商已形成结论"
    article = "会商结论作出后不再接收书面意见，结论不得更改"


class OpinionExists(errors.Conflict):
    title = "该参加方已提交书面意见"
    article = "每一会商参加方提交一份书面意见"


class NoOpinions(errors.Conflict):
    title = "尚无书面意见"
    article = "案件会商须至少收到一份参加方书面意见后方可形成结论"
