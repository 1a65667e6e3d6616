"""Readers for the platforms' export files (Qt-free).

A file goes through: open (CSV/TSV in any of the platforms' encodings, .xlsx,
.xls, a password ZIP) → find the header row → detect platform and kind from the
header → clean the columns (IDs, money, dates) as whole Arrow arrays → a
platform mapper builds unified tables. Nothing here touches the database; see
``services/imports.py`` for the transaction.
"""
