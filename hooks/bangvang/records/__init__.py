"""Stage 1, records: the record types (schema), YAML read with the position of every value, the
loader, shape and cross-record rules, privacy checks and the error log. Imports no later stage."""
