"""One module per schema revision; each is small and transactional."""
