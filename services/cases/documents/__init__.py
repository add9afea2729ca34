"""执法文书 (enforcement documents): templates, issuing, 送达, PDF, 案卷."""
