"""Corpus scale: the library API run over a whole corpus on Dask, with a
corpus-wide lexicon built in a first pass. A front end like the CLI: it sits
above the engine and only calls the pure library functions. Needs the [dask]
extra (dask, distributed); nothing here imports Dask before a run starts."""
