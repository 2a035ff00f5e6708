"""The one exception the knowledge loader raises."""
from __future__ import annotations


class KnowledgeError(Exception):
    """A knowledge file is missing, unreadable or malformed.

    `bestand` is the file (relative to the repository when possible), `veld` the
    field path inside it (e.g. ``fasen[2].ingredienten[0].doel``) and `melding`
    what is wrong. ``str(error)`` starts with ``"<bestand>: <veld>: <melding>"``;
    further problems, if any, follow on the next lines.
    """

    def __init__(self, bestand: str, veld: str, melding: str, meer: tuple[str, ...] = ()) -> None:
        self.bestand = bestand
        self.veld = veld
        self.melding = melding
        self.meer = meer
        super().__init__("\n".join((f"{bestand}: {veld}: {melding}", *meer)))
