"""What the notifications service talks to outside its store: SMTP, webhook HTTP, templates."""
