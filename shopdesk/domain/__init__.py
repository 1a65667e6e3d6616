"""Pure rules (KPI formulas, title checks, buyer keys, deadlines): no Qt, no database."""
