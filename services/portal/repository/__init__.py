"""The portal's own storage: sessions."""
