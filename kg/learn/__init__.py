"""The learned name layer: a character-level CRF over each kind of name, trained from the gold files.

    corpora.py   the annotated corpora (real sets, invented sets) and their documents
    goldspans.py gold answers -> character spans of every name in a cleaned document
    features.py  one feature list per character: the character and its neighbours, word lists, and the
                 rule recognisers' votes
    tagger.py    the trained models: tag a document, turn tags into spans
    train.py     `kg train`: features + gold spans -> models (deterministic)

The rules stay where they are exact (quantities, dates, places, document structure) and are features of
the model; the model decides where names start and end and which candidates are names at all.
"""
