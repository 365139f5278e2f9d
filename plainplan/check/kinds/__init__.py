"""Rule kinds: each module has OPTIONS (its YAML keys), NEEDS_NLP, prepare() and check()."""
