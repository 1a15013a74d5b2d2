"""Social consultations of a municipality's documents: terms, comments, answers and reports."""
