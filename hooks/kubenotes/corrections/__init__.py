"""The corrections of the book and the table of them on the sources page."""
