"""`Knowledge`: typed access to everything in bot/knowledge/*.yml."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from bot.knowledge.model import (
    Bron,
    Contract,
    ContraIndicaties,
    ContraInfo,
    Faq,
    Fase,
    Fasewiel,
    Frequentie,
    Gezichtsmassage,
    Huidverzorging,
    HuidZenuwstelsel,
    Hulpmiddel,
    IngredientEntry,
    IngredientGebruik,
    IngredientInfo,
    Merk,
    Microneedling,
    Neurotransmitter,
    Onderdeel,
    Regel,
    Samengesteld,
    Synoniemen,
    Taal,
    Techniek,
    Tekstblok,
    Teksten,
    Tip,
    VoorWie,
    Vraag,
    Vragen,
    Zenuwstelsel,
)
from bot.textnorm import key


@dataclass(frozen=True, eq=False)
class Knowledge:
    """All seed knowledge and language data, validated. Build it with load_knowledge()."""

    bronnen: Mapping[str, Bron]
    contract: Contract
    fasewiel: Fasewiel
    huid: HuidZenuwstelsel
    massage: Gezichtsmassage
    microneedling: Microneedling
    ingredienten: tuple[IngredientEntry, ...]
    contra: ContraIndicaties
    taal: Taal
    synoniemen: Synoniemen
    teksten: Teksten
    vragen: Vragen

    # --- fasewiel ----------------------------------------------------------------------
    @property
    def fasen(self) -> tuple[Fase, ...]:
        return self.fasewiel.fasen

    def phase(self, name: str) -> Fase:
        """A phase by id or name ("reset", "Reset"); KeyError if there is none."""
        wanted = key(name)
        for fase in self.fasen:
            if wanted in (fase.id, key(fase.naam)):
                return fase
        raise KeyError(name)

    @cached_property
    def phase_of_signal(self) -> Mapping[str, str]:
        """Contract signal -> phase id, for every phase-specific signal."""
        return MappingProxyType({s: f.id for f in self.fasen for s in f.signaalwaarden})

    @property
    def neutral_signals(self) -> tuple[str, ...]:
        """Contract signals that belong to no phase (see fasewiel.yml)."""
        return tuple(n.signaal for n in self.fasewiel.neutrale_signalen)

    @property
    def professionals(self) -> tuple[Regel, ...]:
        return self.fasewiel.professionals

    @property
    def consumenten(self) -> tuple[Regel, ...]:
        return self.fasewiel.consumenten

    @property
    def intensive_phases(self) -> tuple[str, ...]:
        """The phases in which intensive techniques belong (professionals rule)."""
        return next(r.fasen for r in self.professionals if r.fasen)

    # --- huid en zenuwstelsel --------------------------------------------------------------
    @property
    def neurotransmitters(self) -> tuple[Neurotransmitter, ...]:
        return self.huid.neurotransmitters

    def neurotransmitter(self, name: str) -> Neurotransmitter | None:
        wanted = key(name)
        return next((n for n in self.neurotransmitters if wanted in (n.id, key(n.naam))), None)

    @property
    def zenuwstelsel(self) -> Zenuwstelsel:
        return self.huid.zenuwstelsel

    @property
    def netwerk(self) -> Samengesteld:
        return self.huid.netwerk

    @property
    def boodschappers(self) -> Samengesteld:
        return self.huid.boodschappers

    @property
    def aanraking(self) -> Tekstblok:
        return self.huid.aanraking

    @property
    def microbioom(self) -> Tekstblok:
        return self.huid.microbioom

    @property
    def plasticiteit(self) -> Tekstblok:
        return self.huid.plasticiteit

    @property
    def aanraking_vs_apparaten(self) -> Tekstblok:
        return self.huid.aanraking_vs_apparaten

    @property
    def zenuwstelsel_onderdelen(self) -> tuple[Onderdeel, ...]:
        return self.huid.zenuwstelsel.onderdelen

    # --- gezichtsmassage ----------------------------------------------------------------
    @property
    def massage_effecten(self) -> tuple[Tekstblok, ...]:
        return self.massage.effecten

    @property
    def technieken(self) -> tuple[Techniek, ...]:
        return self.massage.technieken

    def technique(self, name: str) -> Techniek | None:
        """A technique by id, name, alias or contract value ("gua_sha", "jade-roller")."""
        wanted = key(name)
        for techniek in self.technieken:
            names = (techniek.id, techniek.naam, techniek.behandeling, *techniek.aliassen)
            if wanted in {key(n) for n in names}:
                return techniek
        return None

    def techniques_for(self, treatment: str) -> tuple[Techniek, ...]:
        """All techniques check_request judges as this contract `behandeling` value."""
        return tuple(t for t in self.technieken if t.behandeling == treatment)

    def skin_care(self, skin_type: str) -> Huidverzorging | None:
        """Oils, serums and tips for a contract `huidtype` value."""
        return next((h for h in self.massage.huidverzorging if h.huidtype == key(skin_type)), None)

    @property
    def hulpmiddelen(self) -> tuple[Hulpmiddel, ...]:
        return self.massage.hulpmiddelen

    @property
    def hygiene(self) -> tuple[Tip, ...]:
        return self.massage.hygiene

    @property
    def frequentie(self) -> Frequentie:
        return self.massage.frequentie

    @property
    def salonkuren(self) -> Tekstblok:
        return self.massage.salonkuren

    @property
    def voor_wie(self) -> tuple[VoorWie, ...]:
        return self.massage.voor_wie

    @property
    def verwachtingen(self) -> Tekstblok:
        return self.massage.verwachtingen

    @property
    def faq(self) -> tuple[Faq, ...]:
        return self.massage.faq

    @property
    def merken(self) -> tuple[Merk, ...]:
        return self.massage.merken.lijst

    # --- ingrediënten ---------------------------------------------------------------------
    @cached_property
    def ingredient_index(self) -> Mapping[str, IngredientInfo]:
        """Every ingredient in the seeds -> its purposes, phases and sources."""
        index: dict[str, IngredientInfo] = {}
        for entry in self.ingredienten:
            gebruik = [
                IngredientGebruik(naam=i.naam, doel=i.doel, bron=i.bron, fase=fase.id)
                for fase in self.fasen
                for i in fase.ingredienten
                if entry.sleutel in i.sleutels
            ]
            gebruik += [
                IngredientGebruik(naam=entry.naam, doel=t.doel, bron=t.bron, huidtypes=t.huidtypes)
                for t in entry.toepassingen
            ]
            index[entry.sleutel] = IngredientInfo(
                sleutel=entry.sleutel, naam=entry.naam, aliassen=entry.aliassen, gebruik=tuple(gebruik)
            )
        return MappingProxyType(index)

    def ingredient(self, name: str) -> IngredientInfo | None:
        """An ingredient by key, name or alias ("retinol", "Vitamine C"); None if unknown."""
        wanted = key(name)
        for info in self.ingredient_index.values():
            if wanted in {key(n) for n in (info.sleutel, info.naam, *info.aliassen)}:
                return info
        return None

    # --- contra-indicaties -----------------------------------------------------------------
    def contra_indicatie(self, contra_id: str) -> ContraInfo:
        """What the seeds say about a contract contraindication id; KeyError if unknown."""
        for info in self.contra.contra_indicaties:
            if info.id == contra_id:
                return info
        raise KeyError(contra_id)

    # --- vragen -----------------------------------------------------------------------------
    def question(self, entry_id: str) -> Vraag | None:
        """A short answer by id ("microneedling.herstel", "ingredient.retinoiden"); None if unknown."""
        return self.vragen.get(entry_id)

    def item(self, path: str) -> object | None:
        """The knowledge item at a vragen.yml path ("microneedling.herstel",
        "gezichtsmassage.technieken.gua_sha", "ingredienten.ingredienten.retinoiden"); None if none."""
        name, *parts = path.split(".")
        roots: dict[str, object] = {
            "microneedling": self.microneedling, "gezichtsmassage": self.massage, "fasewiel": self.fasewiel,
            "huid_zenuwstelsel": self.huid, "ingredienten": MappingProxyType({"ingredienten": self.ingredienten}),
        }
        node: object | None = roots.get(name)
        for part in parts:
            if isinstance(node, Mapping):
                node = node.get(part)
            elif isinstance(node, tuple):
                node = next((v for v in node if _item_id(v) == part), None)
            else:
                node = getattr(node, part, None)
        return node


_ITEM_KEYS = ("id", "sleutel", "huidtype", "signaal", "moment")


def _item_id(value: object) -> str | None:
    return next((str(getattr(value, k)) for k in _ITEM_KEYS if hasattr(value, k)), None)
