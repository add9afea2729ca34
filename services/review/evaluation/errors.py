"""Problems of 案卷评查."""

from kit import errors


class RubricNotFound(errors.UnprocessableEntity):
    title = "评查标准不存在"


class BatchNotFound(errors.NotFound):
    title = "评查批次不存在"


class EvaluationFileNotFound(errors.NotFound):
    title = "评查案卷不存在"


class ScoreInvalid(errors.UnprocessableEntity):
    title = "评分内容与评查标准不符"


class RubricInvalid(errors.UnprocessableEntity):
    title = "评查标准内容有误"
