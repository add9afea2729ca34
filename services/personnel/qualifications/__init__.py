"""The qualification check other services call before every enforcement step, and the public
directory of certified officers (事前公开: 姓名、执法证号、执法类别、执法区域)."""
