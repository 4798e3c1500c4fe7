"""Demo data: public Thanh Hóa OCOP facts from `fixtures/demo/` plus clearly marked demo values."""
