"""Review: is it lawful — legal review, case-file evaluation, supervision opinions, complaints."""
