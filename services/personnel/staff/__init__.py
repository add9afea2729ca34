"""Staff (执法人员 and 执法辅助人员), exams, appraisals, sanctions and status changes."""
