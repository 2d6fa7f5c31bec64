"""The honour roll's logic: load, check, index, render and export the records under data/.

Stages, each a sub-package that imports only earlier ones:
records → website → publish → search → staff; `text` and `urls` are shared by all, and `build`
runs the pipeline for the MkDocs hook (hooks/bangvang_hook.py). Nothing here imports MkDocs.
"""
