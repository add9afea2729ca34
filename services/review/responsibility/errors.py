"""Problems of 责任追究."""

from kit import errors


class RecordNotFound(errors.NotFound):
    title = "责任追究记录不存在"


class RecordAlreadyDecided(errors.Conflict):
    title = "责任追究记录已作出处理决定"


class SanctionNotApplicable(errors.UnprocessableEntity):
    """处分 applies to persons (公职人员政务处分法), not to an agency; it needs its terms."""

    title = "处分只能针对执法人员并须载明种类和期间"
    article = "公职人员政务处分法第七条（处分的种类）；处分对象为公职人员"
