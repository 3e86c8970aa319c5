"""What kgraph knows before it reads: actors, relations, lexicon and cue words, loaded
and validated from the data files."""
