"""The pain check's pages: the questionnaire and its result, and saved checks."""
