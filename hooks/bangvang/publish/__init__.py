"""Stage 3, publish: files beside the pages (open data JSON/CSV, the Atom feed, JSON Schemas) and
the open-data page. Imports records and website."""
