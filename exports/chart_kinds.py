"""The dashboard's chart kinds, in dashboard order.

Its own module so the CLI can list them without importing matplotlib.
"""

KINDS = (
    "sections",
    "lead_units",
    "participation",
    "areas",
    "years",
    "status",
    "planned_vs_completed",
    "timeline",
)
