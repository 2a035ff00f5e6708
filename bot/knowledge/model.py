"""Typed, read-only view of the knowledge files (one dataclass per kind of item).

Field names equal the YAML keys, so `convert.build` fills them. Every seed item has
`bron` (a seed id from bronnen.yml).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


# --- bronnen.yml, contract.yml ---------------------------------------------------------
@dataclass(frozen=True)
class Bron:
    id: str
    bestand: str
    titel: str
    soort: str
    auteur: str | None = None


@dataclass(frozen=True)
class Contract:
    """The public names of conversation-contract.md."""

    signaal: tuple[str, ...]
    behandeling: tuple[str, ...]
    aandoening: tuple[str, ...]
    medicatie: tuple[str, ...]
    huidtype: tuple[str, ...]
    fase: tuple[str, ...]
    contra_indicatie: tuple[str, ...]
    ingreep: tuple[str, ...]
    algemeen_verzoek: tuple[str, ...]
    eigen_signaal: tuple[str, ...] = ()  # our own signals next to the contract's (Radiance, Sustain)

    @property
    def signalen(self) -> tuple[str, ...]:
        """Every signal the bot knows: the contract's and its own."""
        return self.signaal + self.eigen_signaal

    @property
    def verzoeken(self) -> tuple[str, ...]:
        """Everything check_request accepts: the `behandeling` values plus massage/behandeling."""
        return self.behandeling + self.algemeen_verzoek


# --- shared shapes -----------------------------------------------------------------------
@dataclass(frozen=True)
class Tekstblok:
    id: str
    titel: str
    tekst: str
    bron: str
    punten: tuple[str, ...] = ()
    praktisch: str | None = None


@dataclass(frozen=True)
class Onderdeel:
    id: str
    naam: str
    rol: str
    tekst: str
    bron: str


@dataclass(frozen=True)
class Samengesteld:
    id: str
    titel: str
    onderdelen: tuple[Onderdeel, ...]
    samenvatting: str
    bron: str
    tekst: str | None = None


@dataclass(frozen=True)
class Regel:
    id: str
    tekst: str
    bron: str
    fasen: tuple[str, ...] = ()


# --- fasewiel.yml ------------------------------------------------------------------------
@dataclass(frozen=True)
class FasewielIntro:
    omschrijving: str
    geen_foute_fase: str
    bron: str


@dataclass(frozen=True)
class FaseSignaal:
    signaal: str
    bron: str


@dataclass(frozen=True)
class Zorg:
    leefstijl: str
    ritueel: str
    behandeling: str


@dataclass(frozen=True)
class FaseIngredient:
    naam: str
    doel: str
    sleutels: tuple[str, ...]
    bron: str


@dataclass(frozen=True)
class Fase:
    id: str
    nummer: int
    naam: str
    kort: str
    titel: str
    signalen_seed: tuple[str, ...]
    signalen: tuple[FaseSignaal, ...]
    zenuwstelsel: str
    zorg: Zorg
    ingredienten: tuple[FaseIngredient, ...]
    kernboodschap: str
    bron: str

    @property
    def signaalwaarden(self) -> tuple[str, ...]:
        """The contract `signaal` values that point to this phase."""
        return tuple(s.signaal for s in self.signalen)


@dataclass(frozen=True)
class NeutraalSignaal:
    signaal: str
    waarom: str
    bron: str


@dataclass(frozen=True)
class Fasewiel:
    fasewiel: FasewielIntro
    voorrang: tuple[str, ...]
    fasen: tuple[Fase, ...]
    neutrale_signalen: tuple[NeutraalSignaal, ...]
    professionals: tuple[Regel, ...]
    consumenten: tuple[Regel, ...]
    signaalwoorden: Mapping[str, tuple[str, ...]]


# --- huid_zenuwstelsel.yml -------------------------------------------------------------
@dataclass(frozen=True)
class Neurotransmitter:
    id: str
    naam: str
    rol: str
    effect_huid: str
    tekort: str
    zichtbaar: str
    toelichting: str
    bron: str


@dataclass(frozen=True)
class Zenuwstelsel:
    id: str
    titel: str
    tekst: str
    onderdelen: tuple[Onderdeel, ...]
    praktisch: str
    bron: str


@dataclass(frozen=True)
class HuidZenuwstelsel:
    inleiding: Tekstblok
    netwerk: Samengesteld
    boodschappers: Samengesteld
    neurotransmitters: tuple[Neurotransmitter, ...]
    zenuwstelsel: Zenuwstelsel
    aanraking: Tekstblok
    microbioom: Tekstblok
    plasticiteit: Tekstblok
    aanraking_vs_apparaten: Tekstblok
    besluit: Tekstblok


# --- gezichtsmassage.yml -----------------------------------------------------------------
@dataclass(frozen=True)
class Techniek:
    id: str
    naam: str
    behandeling: str  # contract `behandeling` value check_request uses for this technique
    aliassen: tuple[str, ...]
    voor: str
    hoe: str
    let_op: tuple[str, ...]
    bron: str


@dataclass(frozen=True)
class Huidverzorging:
    huidtype: str
    olien: tuple[str, ...]
    serums: tuple[str, ...]
    tips: tuple[str, ...]
    bron: str


@dataclass(frozen=True)
class Hulpmiddel:
    id: str
    naam: str
    voor: str
    bron: str


@dataclass(frozen=True)
class Tip:
    id: str
    tekst: str
    bron: str


@dataclass(frozen=True)
class Thuis:
    keer_per_week_min: int
    keer_per_week_max: int
    minuten_min: int
    minuten_max: int
    tekst: str


@dataclass(frozen=True)
class Salon:
    minuten_min: int
    minuten_max: int
    tekst: str


@dataclass(frozen=True)
class Kuur:
    weken_min: int
    weken_max: int
    tekst: str


@dataclass(frozen=True)
class BesteTijd:
    moment: str
    tekst: str


@dataclass(frozen=True)
class Frequentie:
    thuis: Thuis
    salon: Salon
    kuur: Kuur
    beste_tijd: tuple[BesteTijd, ...]
    bron: str


@dataclass(frozen=True)
class VoorWie:
    id: str
    wie: str
    baat: str
    bron: str


@dataclass(frozen=True)
class Faq:
    id: str
    vraag: str
    antwoord: str
    bron: str


@dataclass(frozen=True)
class Merk:
    naam: str
    bron: str


@dataclass(frozen=True)
class Merken:
    criteria: str
    gevoelige_huid: str
    keuze: str
    lijst: tuple[Merk, ...]
    bron: str


@dataclass(frozen=True)
class Gezichtsmassage:
    wat_is: Tekstblok
    doelgroep: Tekstblok
    effecten: tuple[Tekstblok, ...]
    technieken: tuple[Techniek, ...]
    producten: Tekstblok
    huidverzorging: tuple[Huidverzorging, ...]
    hulpmiddelen: tuple[Hulpmiddel, ...]
    hygiene: tuple[Tip, ...]
    frequentie: Frequentie
    salonkuren: Tekstblok
    voor_wie: tuple[VoorWie, ...]
    voorzorg: Tekstblok
    professional: Tekstblok
    verwachtingen: Tekstblok
    faq: tuple[Faq, ...]
    merken: Merken


# --- microneedling.yml -------------------------------------------------------------------
@dataclass(frozen=True)
class Doelgroep:
    id: str
    naam: str
    signalen: tuple[str, ...]
    tekst: str
    bron: str


@dataclass(frozen=True)
class MicroneedlingVoorWie:
    tekst: str
    algemeen: str
    groepen: tuple[Doelgroep, ...]
    bron: str


@dataclass(frozen=True)
class Duur:
    minuten_min: int
    minuten_max: int
    tekst: str
    bron: str


@dataclass(frozen=True)
class Sessies:
    interval_weken_min: int
    interval_weken_max: int
    tekst: str
    resultaat: str
    bron: str


@dataclass(frozen=True)
class Voordeel:
    id: str
    naam: str
    tekst: str
    bron: str


@dataclass(frozen=True)
class Herstel:
    id: str
    titel: str
    tekst: str
    punten: tuple[str, ...]
    roodheid_dagen_max: int
    bron: str


@dataclass(frozen=True)
class Microneedling:
    definitie: Tekstblok
    wat_is: Tekstblok
    voor_wie: MicroneedlingVoorWie
    werking: Tekstblok
    duur: Duur
    sessies: Sessies
    voordelen: tuple[Voordeel, ...]
    herstel: Herstel
    verschillen: Tekstblok


# --- ingredienten.yml + fasewiel.yml -> index ------------------------------------------------
@dataclass(frozen=True)
class Toepassing:
    doel: str
    huidtypes: tuple[str, ...]
    bron: str


@dataclass(frozen=True)
class IngredientEntry:
    sleutel: str
    naam: str
    aliassen: tuple[str, ...]
    toepassingen: tuple[Toepassing, ...] = ()


@dataclass(frozen=True)
class IngredientGebruik:
    """One purpose of an ingredient: in a phase (fase set) or elsewhere in a seed."""

    naam: str  # as the seed names it, e.g. "Vitamine C-derivaten"
    doel: str
    bron: str
    fase: str | None = None
    huidtypes: tuple[str, ...] = ()


@dataclass(frozen=True)
class IngredientInfo:
    sleutel: str
    naam: str
    aliassen: tuple[str, ...]
    gebruik: tuple[IngredientGebruik, ...]

    @property
    def doelen(self) -> tuple[str, ...]:
        """The one-line purposes, without duplicates, in seed order."""
        return tuple(dict.fromkeys(g.doel for g in self.gebruik))

    @property
    def fasen(self) -> tuple[str, ...]:
        """The phases the ingredient appears in, in wheel order."""
        return tuple(dict.fromkeys(g.fase for g in self.gebruik if g.fase))

    @property
    def bronnen(self) -> tuple[str, ...]:
        return tuple(sorted({g.bron for g in self.gebruik}))


# --- contra_indicaties.yml ---------------------------------------------------------------
@dataclass(frozen=True)
class Uitkomst:
    niveau: str
    reden: str
    alternatief: str


@dataclass(frozen=True)
class Venster:
    tot_dagen: float
    niveau: str
    reden: str
    alternatief: str


@dataclass(frozen=True)
class ContraRegel:
    naam: str
    contra_indicatie: str
    soort: str  # aandoening | medicatie | ingreep | fase
    verzoeken: tuple[str, ...]  # group names or verzoek values
    bron: tuple[str, ...]
    waarden: tuple[str, ...] = ()
    niveau: str | None = None
    reden: str | None = None
    alternatief: str | None = None
    ingrepen: tuple[str, ...] = ()
    vensters: tuple[Venster, ...] = ()
    dagen_onbekend: Uitkomst | None = None
    per_fase: Mapping[str, Uitkomst] | None = None


@dataclass(frozen=True)
class ContraInfo:
    id: str
    omschrijving: str
    verwijzing: str  # who to see: huisarts | huidtherapeut | behandelaar
    bron: tuple[str, ...]


@dataclass(frozen=True)
class ContraIndicaties:
    verzoekgroepen: Mapping[str, tuple[str, ...]]
    contra_indicaties: tuple[ContraInfo, ...]
    regels: tuple[ContraRegel, ...]

    def groep_van(self, verzoek: str) -> str | None:
        """The group (massage, intensief, overig) a verzoek belongs to."""
        for naam, leden in self.verzoekgroepen.items():
            if verzoek in leden:
                return naam
        return None

    def geldt_voor(self, regel: ContraRegel, verzoek: str) -> bool:
        """Whether `regel` applies to `verzoek` (listed by value or by its group)."""
        return verzoek in regel.verzoeken or self.groep_van(verzoek) in regel.verzoeken


# --- taal.yml, synoniemen.yml, teksten.yml -----------------------------------------------
@dataclass(frozen=True)
class Eenheid:
    dagen: float
    woorden: tuple[str, ...]


@dataclass(frozen=True)
class Tijd:
    vaste_uitdrukkingen: Mapping[str, float]
    getallen: Mapping[str, float]
    en_een_half: tuple[str, ...]
    eenheden: tuple[Eenheid, ...]
    benadering_woord: str
    bereik_woorden: tuple[str, ...]
    onzeker_ervoor: tuple[str, ...]
    onzeker_overal: tuple[str, ...]
    net_woorden: tuple[str, ...]  # "ik heb net botox laten zetten": today, when no other time is said


@dataclass(frozen=True)
class Negatie:
    voor: tuple[str, ...]
    tussen: tuple[str, ...]
    nevenschikking: tuple[str, ...]
    na: tuple[str, ...]
    na_werkwoorden: tuple[str, ...]
    na_tussen: tuple[str, ...]
    na_staart: tuple[str, ...]
    grens: tuple[str, ...]
    antwoord_voor: tuple[str, ...]
    antwoord_nee: tuple[str, ...]
    verwijswoorden: tuple[str, ...]
    voorbij_na: tuple[str, ...]  # "eczeem, maar nu niet meer": over and done
    voorbij_tussen: tuple[str, ...]  # what else that clause may say ("al jaren")
    voorbij_verleden: tuple[str, ...]  # "ik had eczeem, nu niet meer": a past clause, then a negating one
    ontkend_na: tuple[str, ...]  # "..., maar dat klopt niet": the clause after "maar" denies it
    werkwoord_tussen: tuple[str, ...]  # "ik slik mijn xarelto niet meer": between verb and mention
    sinds: tuple[str, ...]  # "... niet meer sinds een maand": a time since may close the clause
    sinds_tijd: tuple[str, ...]  # the words of that time
    niet_alleen: tuple[str, ...]  # "eczeem heb ik niet alleen op mijn wangen": no negation


@dataclass(frozen=True)
class Ervaarder:
    """Cues that a mention is someone else's situation (taal.yml `ervaarder`)."""

    ander: tuple[str, ...]
    ander_met_bezit: tuple[str, ...]
    bezit: tuple[str, ...]
    na_voorzetsel: tuple[str, ...]
    zelf: tuple[str, ...]
    over_zichzelf: tuple[str, ...]  # "ik", "mijn": an unsure message speaks of her own skin only with one
    over_zichzelf_begin: tuple[str, ...]  # or opens with one of these verbs, no subject ("ben erg verbrand")
    zelf_ook: tuple[str, ...]
    grens: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Cues that a treatment is planned or wished for, not done (taal.yml `plan`)."""

    woorden: tuple[str, ...]


@dataclass(frozen=True)
class PermissionQuestion:
    """"mag ik …?", "is het veilig": whether something may (taal.yml `toestemmingsvraag`)."""

    woorden: tuple[str, ...]
    niet_na: tuple[str, ...]  # question words right before a cue make it another question ("hoe kan ik")
    veilig: tuple[str, ...]  # "is het veilig?": also asks it when the question is otherwise understood
    vulwoorden: tuple[str, ...]  # "mag ik zelf …?": words that ask nothing more than whether it may
    erna: tuple[str, ...]  # "mag ik daarna …?": the time after the treatment
    werkwoorden: tuple[str, ...]  # "mag ik dat laten doen?": verbs of having the treatment itself


@dataclass(frozen=True)
class WhenAgain:
    """"wanneer mag ik weer?" after a treatment she had (taal.yml `wanneer_weer`)."""

    vragen: tuple[str, ...]
    vulwoorden: tuple[str, ...]  # words that may stand beside the question without changing it


@dataclass(frozen=True)
class ConcernReference:
    """"helpt dat daartegen?", "helpt dat daar ook tegen?" (taal.yml `verwijzing_klacht`)."""

    woorden: tuple[str, ...]
    eerst: tuple[str, ...]  # split: one of these ("daar") ...
    dan: tuple[str, ...]  # ... and later one of these ("tegen")


@dataclass(frozen=True)
class ShortFollowUp:
    """"en microneedling?": the previous question again, about another treatment (taal.yml `korte_vervolgvraag`)."""

    begin: tuple[str, ...]  # words a short follow-up may open with ("en", "wat met")
    vulwoorden: tuple[str, ...]  # the only other words it may have besides the treatment


@dataclass(frozen=True)
class Opsomming:
    laatste_voegwoord: str


@dataclass(frozen=True)
class Verleden:
    woorden: tuple[str, ...]
    met_hebben: tuple[str, ...]  # past only with a form of "hebben" in the same sentence
    hebben: tuple[str, ...]
    direct_ervoor: tuple[str, ...]  # right before the treatment ("na een peeling"): not a plan
    tussenwoorden: tuple[str, ...]  # what may stand between ("mijn", "de", "een")
    eigen_bezit: tuple[str, ...]  # one of these between ("na mijn peeling"): she had it
    wachten: tuple[str, ...]  # "hoe lang wachten na een peeling voor ik mag masseren": ...
    wachten_op: tuple[str, ...]  # ... with another treatment named: the recovery applies
    met_zijn: tuple[str, ...]  # a participle, past with a form of "zijn" ("ik ben dinsdag gepeeld")
    zijn: tuple[str, ...]
    zijn_niet: tuple[str, ...]  # ... but not with "worden" ("ik ben bang om gepeeld te worden")


@dataclass(frozen=True)
class Later:
    """"en over een maand?": the same verdict at a later moment (taal.yml `later`)."""

    ervoor: tuple[str, ...]  # "over" before the amount
    erna: tuple[str, ...]  # "later" after it
    vulwoorden: tuple[str, ...]  # the only other words


@dataclass(frozen=True)
class QuestionForAnother:
    """"mag zij microneedling?", "kan mijn dochter …?": a question for someone else (taal.yml `vraag_voor_ander`)."""

    voornaamwoorden: tuple[str, ...]  # "mag zij", "kan hij": the question with the other as its subject
    werkwoorden: tuple[str, ...]  # "mag" in "mag mijn dochter …": before a possessive and a person
    ook_zelf: tuple[str, ...]  # "mag mijn zus samen met mij …": she is in it too, her facts count as well
    en_ik: tuple[str, ...]  # "en ik?" after the verdict for another: the same question for herself
    en_ik_vulwoorden: tuple[str, ...]  # what "en ik dan?" may add


@dataclass(frozen=True)
class DoctorAgreed:
    """"mijn huisarts zegt dat het mag": her doctor agreed, told as a fact (taal.yml `akkoord_arts`)."""

    artsen: tuple[str, ...]  # who can agree
    akkoord: tuple[str, ...]  # the words of agreeing
    niet: tuple[str, ...]  # in the same clause: no agreement
    voorwaarde: tuple[str, ...]  # the clause opens with one: a condition or question, no fact


@dataclass(frozen=True)
class ComplaintDuration:
    """"al twee weken": how long her complaint has lasted (taal.yml `klachtduur`)."""

    woorden: tuple[str, ...]  # the only other words such a message has
    tijdwoorden: tuple[str, ...]  # time words beside taal.yml `tijd` ("al een tijdje")
    lang: tuple[str, ...]  # "al maanden": long-standing whatever the number
    lang_vanaf_dagen: int  # from this many days on it has lasted long


@dataclass(frozen=True)
class Taal:
    tijd: Tijd
    negatie: Negatie
    ervaarder: Ervaarder
    plan: Plan
    verleden: Verleden
    opsomming: Opsomming
    verzoek: Mapping[str, tuple[str, ...]]  # request id -> general words for it ("gezichtsbehandeling")
    buiten_kennis: Mapping[str, tuple[str, ...]]  # situation the seeds say nothing about -> words
    diagnosevraag: tuple[str, ...]  # "is dat rosacea?": she asks whether she has it
    toestemmingsvraag: PermissionQuestion  # "mag ik …?": she asks whether a treatment is all right
    wanneer_weer: WhenAgain
    verwijzing: tuple[str, ...]  # "en hoe lang duurt dat?": refers back to the previous question
    verwijzing_klacht: ConcernReference  # "helpt microneedling daartegen?": refers back to her concern
    zelf_doen: tuple[str, ...]  # "wat kan ik zelf doen?": asks for more of the advice just given
    wat_wel: tuple[str, ...]  # "wat kan ik dan wel doen?" after a verdict that rules something out
    vraag_voor_ander: QuestionForAnother
    oorzaak_vraag: tuple[str, ...]  # "hoe komt dat?": what the sources say of a concern's cause
    akkoord_arts: DoctorAgreed
    normaal_vraag: tuple[str, ...]  # "is dat normaal?": asks the bot to judge what she notices
    dokter_vraag: tuple[str, ...]  # "moet ik daarmee naar de dokter?": asks the bot to judge that too
    diagnose_vraag: tuple[str, ...]  # "wat kan dat zijn?": asks for a diagnosis
    productvraag: tuple[str, ...]  # "welke crème kan ik gebruiken?": asks which product
    eigen_vraag: tuple[str, ...]  # "mag ik …?": a question for herself, also beside someone else's condition
    tussenwoorden: tuple[str, ...]  # "wat moet ik dan gebruiken?": words the phrase lists above may skip
    korte_vervolgvraag: ShortFollowUp
    voorwaarde_vervolg: tuple[str, ...]  # "en als ik heel zachtjes masseer?": the verdict under a condition
    later: Later
    vraagwoorden: tuple[str, ...]  # "... pijn en hoeveel sessies ...?": a second question starts
    andere_routines: tuple[str, ...]  # "hoe vaak moet ik exfoliëren?": not massage, which the sources time
    afscheid: tuple[str, ...]  # "dank je wel, doei!": she thanks and leaves in one message
    klachtduur: ComplaintDuration


@dataclass(frozen=True)
class Synoniemen:
    aandoening: Mapping[str, tuple[str, ...]]
    medicatie: Mapping[str, tuple[str, ...]]
    behandeling: Mapping[str, tuple[str, ...]]
    gewone_woorden: tuple[str, ...] = ()  # never read as a misspelt term


@dataclass(frozen=True)
class FaseTeksten:
    gekozen: str
    voorrang: str
    meerderheid: str
    geen: str
    neutraal_een: str
    neutraal_meer: str
    onbekend: str


@dataclass(frozen=True)
class OordeelTekst:
    kop: str
    slot: str | None = None


@dataclass(frozen=True)
class DagenWoord:
    een: str
    meer: str


@dataclass(frozen=True)
class Teksten:
    verzoek_labels: Mapping[str, str]
    ingreep_labels: Mapping[str, str]
    aandoening_labels: Mapping[str, str]
    medicatie_labels: Mapping[str, str]
    signaal_labels: Mapping[str, str]
    fase: FaseTeksten
    oordeel: Mapping[str, OordeelTekst]
    al_gezegd: str  # instead of reasons she already heard in this conversation
    al_gezegd_deels: str  # before the new reasons, when she heard some of them already
    buiten_kennis: str  # "cannot judge that" for a situation the seeds say nothing about
    buiten_kennis_kort: str  # ... when she heard why and whom to ask before
    geen_diagnose: str  # "is dat rosacea?": the bot does not diagnose
    buiten_kennis_labels: Mapping[str, str]
    dagen_woord: DagenWoord
    hangt_af_van_dagen: str  # "of gua sha al kan, hangt af van je herstel: hoe lang geleden …?"
    later: str  # "en over een maand?": "Dan is je behandeling {dagen} {dagen_woord} geleden."
    later_nog_niet: str  # ... still in the wait then: "Dan nog niet."
    wanneer_anders: str  # "wanneer mag ik weer sporten?": the sources do not say
    mag_anders: str  # "mag ik er een serum op doen?" after a treatment: the sources do not say
    na_behandeling_anders: str  # "mag ik make-up dragen na een gezichtsmassage?": the sources do not say
    voor_een_ander: str  # a verdict for someone else's condition, said in general
    normaal: str  # "is dat normaal?": the bot does not diagnose, and who can judge it
    dokter: str  # "moet ik daarmee naar de dokter?": no judgement, and when a doctor is wise
    zelf_na: str  # "wat kan ik erop smeren?" right after her treatment: the practitioner's aftercare
    wat_is_het: str  # "wat kan dat zijn?": no diagnosis, and who can look at her skin
    product_bij_aandoening: str  # "ik heb rosacea, welke crème?": the sources name none, who can advise
    product_buiten_kennis: str  # "ik ben zwanger, welke olie?": the sources name none for that situation
    product_buiten_kennis_advies: str  # ... and who can advise her, when no verdict follows
    wanneer_fase: str  # "wanneer kan dat?" when only her phase holds an intensive treatment back
    frequentie_anders: str  # "hoe vaak moet ik exfoliëren?": the sources time only the massage
    wat_wel: Mapping[str, str]  # "wat kan ik dan wel doen?": what her facts still allow
    ingetrokken: str  # "ik gebruik toch geen bloedverdunners" after saying so: kept, and why
    akkoord_huisarts: str  # her GP agreed: her practitioner looks at what can, instead of "see your GP first"
    akkoord_huisarts_kort: str  # ... said again, shorter


# --- vragen.yml: questions -> short answers ---------------------------------------------
@dataclass(frozen=True)
class VraagKnop:
    """A follow-up button: another answer (`id`) or a payload of its own."""

    titel: str
    id: str | None = None
    payload: str | None = None


@dataclass(frozen=True)
class Vraag:
    """One short answer and the words that recognise its question.

    `antwoord` is None for the answers the loader makes per ingredient (`ingredient` set):
    their text comes from the ingredient's purposes in the seeds.
    """

    id: str
    intentie: str
    label: str
    signalen: tuple[str, ...]
    antwoord: str | None
    bron: tuple[str, ...]
    kennis: tuple[str, ...]
    knoppen: tuple[VraagKnop, ...]
    ook_bij: tuple[str, ...] = ()
    onderwerp: str | None = None
    behandeling: str | None = None
    huidtype_varianten: Mapping[str, str] | None = None
    ingredient: str | None = None


@dataclass(frozen=True)
class Vragen:
    vulwoorden: tuple[str, ...]
    onderwerpen: Mapping[str, tuple[str, ...]]
    poort: Mapping[str, Mapping[str, str]]  # the treatment the gate checks by default, per onderwerp / intentie
    standaard: Mapping[str, str | None]
    per_behandeling: Mapping[str, str]
    ingredient_knoppen: tuple[VraagKnop, ...]
    vragen: tuple[Vraag, ...]

    def get(self, vraag_id: str) -> Vraag | None:
        return next((v for v in self.vragen if v.id == vraag_id), None)
