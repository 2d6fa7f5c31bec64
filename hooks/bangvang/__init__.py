"""The honour roll's logic: load, check, index, render and export the records under data/.

Nothing in this package imports MkDocs, so tests and scripts call it directly; the thin hook
module beside it (hooks/bangvang_hook.py) connects it to MkDocs events.
"""
