"""Business rules of the producer portal (typed functions, keyword-only arguments)."""
