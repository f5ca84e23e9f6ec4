"""Knowledge: stored events and facts turned into the record an analyst reads.

merge (one event per real happening), series (facts per metric, partners and period),
timeline, dossier, search and export; embed holds the sentence-embedding interface.
"""
