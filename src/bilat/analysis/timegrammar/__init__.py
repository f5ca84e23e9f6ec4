"""The time grammar behind bilat.analysis.dates: per-language data, language-free rules."""
