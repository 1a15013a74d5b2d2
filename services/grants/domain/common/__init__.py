"""Values every grants aggregate shares: money, dates, budgets, areas, rule errors."""
