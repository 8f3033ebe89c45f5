"""One blueprint per page family; each view calls the logged-in analyst's store."""
