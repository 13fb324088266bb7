"""People: assessments, and the questions asked of them (gap, path, transition, team)."""
