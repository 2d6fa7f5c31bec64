"""Stage 5, staff: the logic behind the command-line entries in scripts/ (validate, new record,
import a sheet, decide a proposal). May import every earlier stage."""
