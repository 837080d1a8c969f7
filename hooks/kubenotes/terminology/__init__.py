"""The glossary as the terminology source of the English edition, and the check against it."""
