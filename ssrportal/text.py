"""Comparing names as people type them: without accents, case or punctuation differences."""

import unicodedata


def plain(text: str) -> str:
    """Lower case, no accents, single spaces: "Nom_complet " and "nom complet" compare equal,
    and so do "CEDEAO", "Cédéao" and "cedeao"."""
    decomposed = unicodedata.normalize("NFKD", str(text).replace("’", "'"))
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    for separator in "-_./":
        text = text.replace(separator, " ")
    return " ".join(text.casefold().replace("*", " ").split())
