"""Scoring the extraction engine against gold sets: the project's samples, PLOVER GSR and PLV.

Every gold set becomes articles with scored sentences (``items``); the GSR and PLV sentences
are one article each. The engine codes all articles with ``extract_batch``; an event belongs to
every sentence it is stated or re-mentioned in. Per sentence, the prediction is the root of the
most confident event, or ``none``:

- root accuracy and macro-F1: the prediction against the gold root; several roots may be
  acceptable (PLV's YIELD is CONCEDE or RETREAT; the samples list ``also_accept``), and a
  sentence that must give no event is right when it gives none;
- type recall: the gold root is among the roots of the sentence's events;
- dyad recall: some event has the gold root, a source matching a gold source and, when the gold
  has one, a target matching a gold target. Actors match on the country code (GSR, samples) or
  when the mentions share an identifying word (``data/matching.yaml`` lists the words that are
  not: articles, titles such as "minister");
- actor country accuracy: each coded gold actor that an event actor's mention overlaps is
  compared on its code; coverage is the share of coded gold actors so found. Old GSR codes are
  mapped to ISO 3166-1 (JAP to JPN, ITL to ITA, VTN to VNM); codes naming a kind of actor rather
  than a country (IGO, NGO, IMG, ISM) are left out;
- calibration: reliability bins of the top prediction's confidence against its accuracy, and
  their expected calibration error.

The samples are also scored event by event: precision, recall and F1 of a one-to-one matching
on article, sentence and root, and per-field agreement of the matched events.
"""
