"""frontlines: conflict reporting in, sourced ACLED-coded events, claims and control out."""

__version__ = "0.1.0"
