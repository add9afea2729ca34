"""Problems of 监督意见书."""

from kit import errors


class OpinionNotFound(errors.NotFound):
    title = "监督意见书不存在"


class OpinionAlreadyReplied(errors.Conflict):
    title = "监督意见书已回复整改情况"


