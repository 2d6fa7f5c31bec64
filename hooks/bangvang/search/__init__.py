"""Stage 4, search: search records made from the data (never from our own HTML) and the Pagefind
index. Imports records and website."""
