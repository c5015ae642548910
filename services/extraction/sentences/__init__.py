"""Sentences: the spaCy pipeline, the cheap sentence split and pre-filter, the parsed article.

The first stage, kept apart because it decides what the costly parse sees: an article is
split into sentences on tokens alone, the pre-filter keeps those that may hold an event, and
only these are parsed, as one Doc per article (``ParsedArticle``) whose offsets map back to the
original text.
"""
