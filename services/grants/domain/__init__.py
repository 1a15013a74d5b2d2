"""The grants domain model: competitions, offers, review, agreements, reports, small grants."""
