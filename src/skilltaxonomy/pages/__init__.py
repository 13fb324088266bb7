"""Pages for people: what a result says, laid out and written as text, Markdown or HTML."""
