"""Scoring the extraction engine against gold sets: the project's samples, PLOVER GSR and PLV."""
