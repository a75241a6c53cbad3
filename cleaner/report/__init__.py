"""Output formats, one module each (text, json, sarif, github), plus diffs and baselines."""
