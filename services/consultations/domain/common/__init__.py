"""Values every part of the consultations domain uses: Polish time, text checks."""
