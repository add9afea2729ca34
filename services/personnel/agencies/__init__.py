"""执法主体: enforcement agencies in the district → town region tree."""
