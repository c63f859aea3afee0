"""HTML mode: parse a page, fix its tree, find its article region, render its text, read its metadata."""
