"""Stage 2, website: the index of lookups over a valid data set, the page builders, templates,
charts and safe Markdown. Imports records only (never publish, search or staff)."""
