"""The word model and the word analysis: which words exist, how an OCR scanner misreads them,
which corrections are candidates and how they rank, and what each suspicious word of a document
most likely is. Nothing here knows about rules or the rulebook."""
