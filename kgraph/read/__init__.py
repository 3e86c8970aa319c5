"""Reading articles: one reader per input type, dates. Pure Python."""
