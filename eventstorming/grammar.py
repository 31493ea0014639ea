"""Grammar checks a facilitator would want on an EventStorming board, in English and German.

:func:`check_board` returns :class:`GrammarWarning` values, each naming the stickies it is
about and saying in one sentence, in the board's language (``board.lang``: ``en`` or
``de``, English otherwise), what the workshop can do about it. The rules:

``event-not-past``
    An event says what has happened, so it is phrased in the past tense ("Receipt
    uploaded", "Rechnung eingegangen").
``command-as-event``
    A command is a request in the imperative ("Upload receipt", "Rechnung prüfen"); one
    written like a past event is probably an event, or a command worded the wrong way.
``command-without-outcome``
    Every command results in at least one event (directly or through the aggregate or
    system that handles it, see :meth:`BoardGraph.outcomes`).
``policy-without-command``
    A policy ("whenever X, then Y") issues a command, or hands the work to an actor who
    issues one.
``unlinked-sticky``
    A sticky linked to nothing (notes are exempt: they may float).
``unusual-link``
    A link whose direction makes no sense for the kinds it joins
    (:data:`~eventstorming.graph.Relation.UNUSUAL`); the message says when the reverse
    direction would make sense, or which kind of sticky is missing in between.

The tense checks are heuristics on the words of the text: they prefer to stay silent when
unsure. For languages other than English and German the tense checks are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventstorming.graph import BoardGraph, Relation, infer_relation
from eventstorming.model import Board, Kind, Sticky
from eventstorming.words import readable

K = Kind

#: The rules in the order their warnings are listed for the same sticky.
RULES: tuple[str, ...] = (
    "event-not-past",
    "command-as-event",
    "command-without-outcome",
    "policy-without-command",
    "unlinked-sticky",
    "unreadable-attribute",
    "unusual-link",
)


@dataclass(frozen=True)
class GrammarWarning:
    """One finding: the rule, the ids of the stickies it is about, and what to do."""

    rule: str
    stickies: tuple[str, ...]
    message: str

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown grammar rule {self.rule!r}; known: {', '.join(RULES)}")
        if not self.stickies:
            raise ValueError("a grammar warning names at least one sticky")
        if not self.message.strip():
            raise ValueError("a grammar warning needs a message")

    def to_json(self) -> dict[str, object]:
        return {"rule": self.rule, "stickies": list(self.stickies), "message": self.message}


def board_language(board: Board) -> str:
    """``"en"`` or ``"de"`` from the board's ``lang`` (``de-DE``, ``DE`` ... count as German);
    anything else is reported as its own code and gets English messages."""
    return board.lang


# --------------------------------------------------------------------------- words

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


# English ------------------------------------------------------------------------

#: Irregular past participles (and simple pasts that double as them).
_EN_IRREGULAR = frozenset("""
    arisen awoken been beaten become begun bent bet bid bidden bitten bled blown broken bred
    brought broadcast built burnt burst bought cast caught chosen clung come cost crept cut
    dealt dug done drawn dreamt drunk driven dwelt eaten fallen fed felt fought found fled
    flung flown forbidden forecast foregone foreseen forgotten forgiven forsaken frozen gotten
    given gone ground grown hung heard hidden hit held hurt kept knelt knit known laid led leant
    leapt learnt left lent let lain lit lost made meant met mistaken mown overcome paid proven
    put quit read rid ridden rung risen run said sawn seen sought sold sent set sewn shaken
    shaven shed shone shod shot shown shrunk shut sung sunk sat slain slept slid slung slit
    smelt sown spoken sped spelt spent spilt spun spat split spoilt spread sprung stood stolen
    stuck stung stunk strewn stridden struck strung striven sworn swept swollen swum swung
    taken taught torn told thought thrown thrust trodden understood undertaken undergone upset
    woken worn woven wed wept won wound wrung written withdrawn withheld withstood
    begotten beheld bound chid cleft dove forbade forgot got hewn lost mislaid misled
    misread misspelt misunderstood mistook outdone outgrown outrun overdone overdrawn
    overheard overlaid overpaid overridden overrun overseen oversold overtaken overthrown
    overwritten prepaid rebuilt recast redone remade repaid reset resold resent retold
    rewound rewritten sublet undercut underpaid undersold undone unwound upheld uprisen
    """.split())

#: Irregular participles that are just as often a base form or a noun: never enough on
#: their own to call a command a past event.
_EN_AMBIGUOUS = frozenset("""
    bet bid broadcast burst cast come cost cut forecast ground hit hurt knit left let put
    quit read recast reset rid run set shed shut slit split spread sublet thrust upset wound
    overcome overrun outrun undercut bound lost wed resent
    """.split())

#: Words ending in -ed that are not past participles.
_EN_NOT_ED = frozenset("""
    hundred sacred naked wicked kindred hatred shred sled embed imbed bed red fed wed led
    ted med shed bred sped
    """.split()) - _EN_IRREGULAR

#: -eed words that are participles (most -eed words are not: need, speed, feed, seed ...).
_EN_EED = frozenset("agreed freed guaranteed decreed refereed disagreed".split())

#: Words that mark a state reached, fine for an event ("Invoice due", "Order ready",
#: "Address invalid", "Stock low").
_EN_STATES = frozenset("""
    due overdue ready complete incomplete available unavailable late early over pending
    missing full empty expired done valid invalid eligible ineligible active inactive ok okay
    correct incorrect low high successful unsuccessful
    """.split())

#: Phrases that mark a state reached: "Application on hold", "Item out of stock".
_EN_STATE_PHRASES = ("on hold", "in stock", "out of stock", "in progress", "in transit",
                     "under review", "on time", "behind schedule", "in place")

_EN_PAST_AUX = frozenset("was were been had".split())

#: Words after which a participle is a complement, not the verb ("Mark as paid").
_EN_COMPLEMENT_BEFORE = frozenset("""
    as to be been being get gets keep not is are when if unless once until while where whether
    """.split())

#: Imperatives that take a participle as complement ("Report item lost", "Mark invoice paid").
_EN_COMPLEMENT_VERBS = frozenset("""
    mark report flag declare set keep get have leave label record log tag register consider
    """.split())


def _en_regular(word: str) -> bool:
    if len(word) < 4 or not word.endswith("ed") or word in _EN_NOT_ED:
        return False
    if word.endswith("eed"):
        return word in _EN_EED
    return True


def _en_participle(word: str, strict: bool = False) -> bool:
    word = word.lower().replace("’", "'")
    if _en_regular(word):
        return True
    if word in _EN_IRREGULAR:
        return not (strict and word in _EN_AMBIGUOUS)
    return False


def _en_past(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    if any(_en_participle(w) or w in _EN_STATES or w in _EN_PAST_AUX for w in lowered):
        return True
    # a place reached ("Parcel at pickup point"), but not "at" as the first word
    if "at" in lowered[1:]:
        return True
    joined = f" {' '.join(lowered)} "
    return any(f" {phrase} " in joined for phrase in _EN_STATE_PHRASES)


#: Particles that may follow a participle at the end: "Bike dropped off", "Loan paid out".
_EN_PARTICLES = frozenset("off out in over down up away back home on".split())

#: Prepositions after a subject and its participle: "Invoice sent to insurer".
_EN_PREPOSITIONS = frozenset("""
    to as by from into at for with without on in under after before via
    """.split())


#: Words that open a clause inside a command: "Decide whether the payment was fraud".
_EN_SUBORDINATORS = frozenset("""
    whether if that what which who whose how why when where unless
    """.split())


def _en_clearly_past(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    for word in lowered:
        if word in _EN_SUBORDINATORS:
            break
        if word in {"was", "were"}:
            return True
    if len(lowered) >= 2 and lowered[0] in _EN_COMPLEMENT_VERBS:
        return False  # "Mark invoice paid", "Report item lost"
    last = len(lowered) - 1
    if last >= 1 and lowered[last] in _EN_PARTICLES:
        last -= 1  # "Bike dropped off"
    if last >= 0 and _en_participle(lowered[last], strict=True):
        return not (last >= 1 and lowered[last - 1] in _EN_COMPLEMENT_BEFORE)
    # subject, participle, prepositional phrase: "Application referred to senior officer"
    return len(lowered) >= 3 and _en_participle(lowered[1], strict=True) \
        and lowered[2] in _EN_PREPOSITIONS


# German -------------------------------------------------------------------------

#: Separable verb prefixes: "ein|gegangen", "zu|geordnet", "frei|gegeben".
_DE_SEPARABLE = tuple(sorted(set("""
    ab an auf aus bei bereit dar durch ein fest fertig frei gegenüber gut heim her heran
    herauf heraus herein herunter hin hinaus hinein hinzu hoch kennen klar kund los mit nach
    nieder offen sicher statt teil um vor voran voraus vorbei vorweg wahr weg weiter wieder
    zu zurecht zurück zusammen über unter
    """.split()), key=len, reverse=True))

#: Inseparable prefixes: participles without "ge-" ("erfasst", "bezahlt", "überwiesen").
_DE_INSEPARABLE = ("hinter", "wider", "unter", "miss", "über", "voll", "emp", "ent", "ver",
                   "zer", "be", "er")

#: What follows "ge-" (or an inseparable prefix) in strong participles.
_DE_STRONG = frozenset("""
    backen bissen blasen blieben bogen boten braten brochen bunden dachten droschen drungen
    fahren fallen fangen flochten flogen flohen flossen fochten froren funden gangen geben
    gessen glichen gollen golten gonnen gossen griffen hangen halten hauen heißen hoben holfen
    klommen klungen kniffen kommen krochen laden lassen laufen legen lesen litten logen loren
    lungen messen mieden molken nommen pfiffen priesen quollen raten rieben rissen ritten
    rochen rufen rungen schaffen schehen schieden schienen schlafen schlagen schlichen
    schliffen schlossen schlungen schmissen schmolzen schnitten schoben schollen schossen
    schrieben schrien schritten schrocken schunden schwiegen schwollen schwommen schworen
    schwunden schwungen sehen sessen sogen soffen sonnen sotten spien sponnen sprochen
    sprossen sprungen stochen stohlen standen stiegen storben stoßen strichen stritten
    stunken sungen sunken tan tragen treten trieben troffen trogen trunken wachsen waschen
    wesen wichen wiesen wogen wonnen worben worden worfen wunden zogen zwungen
    """.split())

#: Strong stems whose participle with an inseparable prefix is also the infinitive
#: ("vergeben", "erhalten", "bekommen"): such a word does not show the tense.
_DE_SAME_AS_INFINITIVE = frozenset("""
    backen blasen braten fahren fallen fangen geben halten hauen heißen kommen laden lassen
    laufen lesen messen raten rufen schaffen schlafen schlagen sehen stoßen tragen treten
    wachsen waschen gessen legen sonnen wesen
    """.split())

#: Words that look like participles but are not.
_DE_NOT_PARTICIPLE = frozenset("""
    gesamt gerecht bereit erst zuerst zuletzt behände gewiss geheim genehm gerade gleich
    zurecht bereits
    """.split())

#: Words that mark a state reached: "Rechnung fällig", "Probe unauffällig", "Plan steht".
_DE_STATES = frozenset("""
    fällig überfällig bereit fertig verfügbar vollständig unvollständig da vorhanden erreicht
    abgelaufen gültig ungültig korrekt fehlerhaft erfolgreich unauffällig auffällig aktiv
    inaktiv ok leer voll steht stehen nötig notwendig erforderlich
    """.split())

#: Phrases that mark a state reached: "Teil in Ordnung", "Gutachten liegt vor".
_DE_STATE_PHRASES = ("in ordnung", "liegt vor", "liegen vor", "auf lager")

_DE_PAST_AUX = frozenset("wurde wurden worden war waren".split())


@lru_cache(maxsize=4096)
def _de_participle(word: str) -> str | None:
    """``"clear"`` when ``word`` (lower case) is a German Partizip II, ``"ambiguous"`` when it
    is one but also an infinitive ("vergeben"), ``None`` otherwise."""
    if len(word) < 4 or word in _DE_NOT_PARTICIPLE:
        return None
    if word.endswith("iert") and len(word) > 6:
        return "clear"
    found: str | None = None
    for rest in _de_after_separable(word):
        if rest.startswith("ge") and len(rest) >= 5:
            stem = rest[2:]
            if (stem.endswith("t") and len(stem) >= 3) or stem in _DE_STRONG:
                if rest in {"gefallen", "geschehen"} and rest == word:
                    found = found or "ambiguous"
                    continue
                return "clear"
        for prefix in _DE_INSEPARABLE:
            if rest.startswith(prefix) and len(rest) - len(prefix) >= 3:
                stem = rest[len(prefix):]
                if stem.endswith("t") and not stem.endswith(("est", "nst")):
                    return "clear"
                if stem in _DE_STRONG:
                    if stem in _DE_SAME_AS_INFINITIVE:
                        found = found or "ambiguous"
                    else:
                        return "clear"
    return found


def _de_after_separable(word: str) -> list[str]:
    """``word`` and what is left of it after each chain of separable prefixes."""
    results, stack = [], [word]
    while stack:
        rest = stack.pop()
        results.append(rest)
        for prefix in _DE_SEPARABLE:
            if rest.startswith(prefix) and len(rest) - len(prefix) >= 4:
                stack.append(rest[len(prefix):])
    return results


def _de_candidates(text: str, words: list[str]) -> list[str]:
    """Lower-cased words that may be verbs: German nouns are capitalised, so only words
    written in lower case count, unless the whole text is in capitals."""
    shouting = not any(c.islower() for c in text)
    return [w.lower() for w in words if shouting or w[:1].islower()]


def _de_past(text: str, words: list[str]) -> bool:
    candidates = _de_candidates(text, words)
    if any(_de_participle(w) or w in _DE_STATES or w in _DE_PAST_AUX for w in candidates):
        return True
    lowered = [w.lower() for w in words]
    if {"liegt", "liegen"} & set(lowered) and "vor" in lowered:
        return True
    joined = f" {' '.join(lowered)} "
    return any(f" {phrase} " in joined for phrase in _DE_STATE_PHRASES)


def _de_clearly_past(text: str, words: list[str]) -> bool:
    candidates = _de_candidates(text, words)
    if any(w in {"wurde", "wurden", "worden"} for w in candidates):
        return True
    return bool(words) and bool(candidates) and words[-1].lower() == candidates[-1] \
        and _de_participle(candidates[-1]) == "clear"


def is_past_tense(text: str, lang: str = "en") -> bool | None:
    """Whether ``text`` reads as something that has happened (an event's phrasing).

    German boards also accept English participles (anglicisms are common). Returns
    ``None`` for languages the check does not know.
    """
    words = _words(text)
    if lang == "en":
        return _en_past(words)
    if lang == "de":
        return _de_past(text, words) or _en_past(words)
    return None


def reads_as_past_event(text: str, lang: str = "en") -> bool | None:
    """Whether ``text`` clearly reads as a past event rather than a request: stricter than
    :func:`is_past_tense`, for commands. ``None`` for languages the check does not know."""
    words = _words(text)
    if lang == "en":
        return _en_clearly_past(words)
    if lang == "de":
        return _de_clearly_past(text, words) or (
            bool(words) and _en_regular(words[-1].lower()) and words[-1][:1].islower())
    return None


# --------------------------------------------------------------------------- messages

_KIND_NAMES = {
    "en": {K.EVENT: "event", K.COMMAND: "command", K.ACTOR: "actor", K.POLICY: "policy",
           K.READMODEL: "read model", K.SYSTEM: "system", K.AGGREGATE: "aggregate",
           K.HOTSPOT: "hotspot", K.OPPORTUNITY: "opportunity", K.NOTE: "note"},
    "de": {K.EVENT: "Ereignis", K.COMMAND: "Befehl", K.ACTOR: "Akteur", K.POLICY: "Policy",
           K.READMODEL: "Lesemodell", K.SYSTEM: "System", K.AGGREGATE: "Aggregat",
           K.HOTSPOT: "Hotspot", K.OPPORTUNITY: "Chance", K.NOTE: "Notiz"},
}

_ARTICLE_EN = {K.EVENT: "an", K.ACTOR: "an", K.AGGREGATE: "an", K.OPPORTUNITY: "an"}
#: Grammatical gender of the German kind names: m, f or n.
_GENDER_DE = {K.EVENT: "n", K.COMMAND: "m", K.ACTOR: "m", K.POLICY: "f", K.READMODEL: "n",
              K.SYSTEM: "n", K.AGGREGATE: "n", K.HOTSPOT: "m", K.OPPORTUNITY: "f",
              K.NOTE: "f"}
_ARTICLE_DE = {"nom": {"m": "ein", "f": "eine", "n": "ein"},
               "acc": {"m": "einen", "f": "eine", "n": "ein"},
               "dat": {"m": "einem", "f": "einer", "n": "einem"}}

_RELATION_PHRASE_EN = {
    Relation.ISSUES: "issues", Relation.HANDLED_BY: "is handled by",
    Relation.RESULTS_IN: "results in", Relation.TRIGGERS: "triggers",
    Relation.ASSIGNS: "hands work to", Relation.INFORMS: "informs",
    Relation.UPDATES: "updates", Relation.NOTIFIES: "notifies",
    Relation.PRECEDES: "is followed by",
}

#: German sentences "{a} ... {b}", with the case each end takes.
_RELATION_SENTENCE_DE = {
    Relation.ISSUES: "{a} löst {b:acc} aus", Relation.HANDLED_BY: "{a} wird von {b:dat} "
    "bearbeitet", Relation.RESULTS_IN: "{a} führt zu {b:dat}",
    Relation.TRIGGERS: "{a} stößt {b:acc} an", Relation.ASSIGNS: "{a} übergibt Arbeit an "
    "{b:acc}", Relation.INFORMS: "{a} informiert {b:acc}",
    Relation.UPDATES: "{a} aktualisiert {b:acc}", Relation.NOTIFIES: "{a} benachrichtigt "
    "{b:acc}", Relation.PRECEDES: "auf {a:acc} folgt {b}",
}

_UNLINKED_HINT = {
    "en": {
        K.EVENT: "link it to the command that results in it, and to what it triggers",
        K.COMMAND: "link it to the actor or policy that issues it and to the event it "
                   "results in",
        K.ACTOR: "link the actor to the commands they issue",
        K.POLICY: "link it to the event that triggers it and to the command it issues",
        K.READMODEL: "link it to the actor or command it informs",
        K.SYSTEM: "link it to the commands it handles or the events it produces",
        K.AGGREGATE: "link it to the commands it handles and the events it produces",
        K.HOTSPOT: "link it to the sticky the problem is about",
        K.OPPORTUNITY: "link it to the command or policy it would support",
    },
    "de": {
        K.EVENT: "verbinde es mit dem Befehl, der zu ihm führt, und mit dem, was es anstößt",
        K.COMMAND: "verbinde ihn mit dem Akteur oder der Policy, die ihn auslöst, und mit "
                   "dem Ereignis, zu dem er führt",
        K.ACTOR: "verbinde den Akteur mit den Befehlen, die er auslöst",
        K.POLICY: "verbinde sie mit dem Ereignis, das sie anstößt, und mit dem Befehl, den "
                  "sie auslöst",
        K.READMODEL: "verbinde es mit dem Akteur oder Befehl, den es informiert",
        K.SYSTEM: "verbinde es mit den Befehlen, die es bearbeitet, oder den Ereignissen, "
                  "die es erzeugt",
        K.AGGREGATE: "verbinde es mit den Befehlen, die es bearbeitet, und den Ereignissen, "
                     "die es erzeugt",
        K.HOTSPOT: "verbinde ihn mit dem Zettel, um den es bei dem Problem geht",
        K.OPPORTUNITY: "verbinde sie mit dem Befehl oder der Policy, die sie unterstützen "
                       "würde",
    },
}


def _q(lang: str, text: str) -> str:
    return f"„{text}“" if lang == "de" else f"'{text}'"


def _named(lang: str, sticky: Sticky, capital: bool = True) -> str:
    """``Event 'Receipt uploaded'`` / ``Ereignis „Rechnung eingegangen“``."""
    name = _KIND_NAMES[lang][sticky.kind]
    if capital:
        name = f"{name[:1].upper()}{name[1:]}"
    return f"{name} {_q(lang, sticky.text)}"


def _a(lang: str, kind: Kind, case: str = "nom") -> str:
    """The kind with an indefinite article: "an event", "ein Ereignis", "einen Befehl"."""
    if lang == "de":
        return f"{_ARTICLE_DE[case][_GENDER_DE[kind]]} {_KIND_NAMES['de'][kind]}"
    return f"{_ARTICLE_EN.get(kind, 'a')} {_KIND_NAMES['en'][kind]}"


def _relation_sentence(lang: str, relation: Relation, a: Kind, b: Kind) -> str:
    """"an actor issues a command" / "ein Akteur löst einen Befehl aus"."""
    if lang == "de":
        sentence = _RELATION_SENTENCE_DE[relation]
        for name, kind in (("a", a), ("b", b)):
            for case in ("acc", "dat"):
                sentence = sentence.replace(f"{{{name}:{case}}}", _a(lang, kind, case))
            sentence = sentence.replace(f"{{{name}}}", _a(lang, kind))
        return sentence
    return f"{_a(lang, a)} {_RELATION_PHRASE_EN[relation]} {_a(lang, b)}"


def _msg_event_not_past(lang: str, event: Sticky, twin: bool) -> str:
    if lang == "de":
        extra = (" Es gibt auch einen Befehl mit diesem Text: das Ereignis sagt, was danach "
                 "wahr ist." if twin else "")
        return (f"{_named(lang, event)} steht nicht in der Vergangenheit. Formuliere es als "
                f"etwas, das passiert ist (etwa „Rechnung geprüft“ statt „Rechnung prüfen“), "
                f"oder mach es zum Befehl, wenn jemand etwas tun soll.{extra}")
    extra = (" There is also a command with this text: the event should say what is true "
             "after it." if twin else "")
    return (f"{_named(lang, event)} is not phrased in the past tense. Rewrite it as something "
            f"that has happened (such as 'Invoice approved' rather than 'Approve invoice'), "
            f"or make it a command if someone is asked to do something.{extra}")


def _msg_command_as_event(lang: str, command: Sticky) -> str:
    if lang == "de":
        return (f"{_named(lang, command)} klingt wie ein Ereignis in der Vergangenheit. Ein "
                f"Befehl ist eine Aufforderung (etwa „Rechnung prüfen“ statt „Rechnung "
                f"geprüft“): formuliere ihn um, oder mach ihn zum Ereignis, wenn er sagt, was "
                f"passiert ist.")
    return (f"{_named(lang, command)} reads like a past event. A command is a request in the "
            f"imperative (such as 'Approve invoice' rather than 'Invoice approved'): reword "
            f"it, or make it an event if it says what has happened.")


def _msg_command_without_outcome(lang: str, command: Sticky) -> str:
    if lang == "de":
        return (f"{_named(lang, command)} führt zu keinem Ereignis. Verbinde ihn mit dem "
                f"Ereignis, das danach wahr ist (bei mehreren möglichen Ergebnissen mit jedem, "
                f"etwa genehmigt und abgelehnt).")
    return (f"{_named(lang, command)} has no outcome event. Link it to the event that is true "
            f"after it runs (one for each possible result, such as approved and rejected).")


def _msg_policy_without_command(lang: str, policy: Sticky) -> str:
    if lang == "de":
        return (f"{_named(lang, policy)} löst keinen Befehl aus. Verbinde sie mit dem Befehl, "
                f"den sie auslöst, oder mit dem Akteur, der die Arbeit übernimmt und einen "
                f"Befehl auslöst; sonst passiert nichts, wenn sie greift.")
    return (f"{_named(lang, policy)} issues no command. Link it to the command it issues, or "
            f"to the actor it hands the work to who then issues a command; otherwise nothing "
            f"happens when it fires.")


def _msg_unlinked(lang: str, sticky: Sticky) -> str:
    hint = _UNLINKED_HINT[lang][sticky.kind]
    if lang == "de":
        return (f"{_named(lang, sticky)} ist mit nichts verbunden: {hint}, oder entferne "
                f"den Zettel, wenn er nicht mehr gebraucht wird.")
    return (f"{_named(lang, sticky)} is linked to nothing: {hint}, or remove it if it is no "
            f"longer needed.")


def _msg_unusual_link(lang: str, source: Sticky, target: Sticky) -> str:
    s_kind, t_kind = source.kind, target.kind
    reverse = infer_relation(t_kind, s_kind)
    middle = _missing_middle(s_kind, t_kind)
    names = _KIND_NAMES[lang]
    if lang == "de":
        head = (f"Die Verbindung von {_named(lang, source)} zu {_named(lang, target)} passt "
                f"nicht zu ihren Arten")
        if reverse is not Relation.UNUSUAL and middle is not None:
            return (f"{head}: andersherum ergibt sie Sinn "
                    f"({_relation_sentence(lang, reverse, t_kind, s_kind)}), dann dreh den "
                    f"Pfeil um; ist die Richtung gemeint, fehlt {_a(lang, middle)} dazwischen "
                    f"({names[s_kind]} → {names[middle]} → {names[t_kind]}).")
        if reverse is not Relation.UNUSUAL:
            return (f"{head}: andersherum ergibt sie Sinn "
                    f"({_relation_sentence(lang, reverse, t_kind, s_kind)}). Dreh den Pfeil "
                    f"um.")
        if middle is not None:
            return (f"{head}: dazwischen fehlt {_a(lang, middle)} ({names[s_kind]} → "
                    f"{names[middle]} → {names[t_kind]}). Ergänze den fehlenden Zettel, "
                    f"oder prüfe die Arten der beiden Zettel.")
        return (f"{head}. Prüfe, ob einer der beiden Zettel die falsche Art hat, oder "
                f"entferne die Verbindung.")
    head = (f"The link from {_named(lang, source, False)} to {_named(lang, target, False)} "
            f"makes no sense for their kinds")
    if reverse is not Relation.UNUSUAL and middle is not None:
        return (f"{head}. If you mean the other way round "
                f"({_relation_sentence(lang, reverse, t_kind, s_kind)}), turn the arrow "
                f"round; if you mean this direction, {_a(lang, middle)} is missing in between "
                f"({names[s_kind]} → {names[middle]} → {names[t_kind]}).")
    if reverse is not Relation.UNUSUAL:
        return (f"{head}, but the other way round it does "
                f"({_relation_sentence(lang, reverse, t_kind, s_kind)}). Turn the arrow "
                f"round.")
    if middle is not None:
        return (f"{head}: {_a(lang, middle)} is missing in between ({names[s_kind]} → "
                f"{names[middle]} → {names[t_kind]}). Add it, or check the kinds of the two "
                f"stickies.")
    return (f"{head}. Check whether one of the two stickies has the wrong kind, or remove the "
            f"link.")


#: Kinds tried, in this order, as the missing sticky between two that cannot be linked.
_MIDDLE_PREFERENCE = (K.COMMAND, K.EVENT, K.POLICY, K.ACTOR, K.READMODEL, K.SYSTEM,
                      K.AGGREGATE)


def _missing_middle(source: Kind, target: Kind) -> Kind | None:
    """A kind M such that source -> M -> target both make sense, if there is one."""
    for middle in _MIDDLE_PREFERENCE:
        if (infer_relation(source, middle) not in (Relation.UNUSUAL, Relation.CONCERNS)
                and infer_relation(middle, target) not in (Relation.UNUSUAL,
                                                           Relation.CONCERNS)):
            return middle
    return None


# --------------------------------------------------------------------------- the check

def _unreadable_attrs(sticky: Sticky) -> list[tuple[str, object]]:
    """``volume`` and ``minutes`` values that cannot be read as a rate or a number: they
    would silently drop out of the business value and the ROI."""
    bad = []
    if "volume" in sticky.attrs and sticky.volume_per_day is None:
        bad.append(("volume", sticky.attrs["volume"]))
    if "minutes" in sticky.attrs and sticky.minutes is None:
        bad.append(("minutes", sticky.attrs["minutes"]))
    return bad


def _msg_unreadable_attr(lang: str, sticky: Sticky, key: str, value: object) -> str:
    if lang == "de":
        example = "800/Tag, 40/Woche oder 12/Monat" if key == "volume" else "eine Zahl wie 4"
        return (f"{_named(lang, sticky)}: „{key}: {value}“ ist nicht lesbar; schreibt "
                f"{example}, sonst fehlt der Wert in Nutzen und ROI.")
    example = "800/day, 40/week or 12/month" if key == "volume" else "a number such as 4"
    return (f"{_named(lang, sticky)}: '{key}: {value}' cannot be read; write {example}, or "
            f"it is left out of the business value and the ROI.")


def check_board(board: Board) -> list[GrammarWarning]:
    """All grammar warnings for a board, in timeline order of the first sticky each names.

    Args:
        board: the board to check; its ``lang`` chooses the language of the messages and of
            the tense checks (English and German; other languages get English messages and
            no tense checks).

    Returns:
        Warnings, each with the rule, the sticky ids and a sentence a workshop can act on.
    """
    code = board_language(board)
    lang = code if code in _KIND_NAMES else "en"
    tense_lang = code if code in ("en", "de") else None
    graph = BoardGraph(board)
    found: list[GrammarWarning] = []
    commands_by_text = {s.folded for s in board.stickies if s.kind is K.COMMAND}

    for sticky in board.stickies:
        # code-style names read as words: "UserLoggedIn" is "User logged in"
        words = readable(sticky.text, lang)
        if sticky.kind is K.EVENT and tense_lang and not is_past_tense(words, tense_lang):
            twin = sticky.folded in commands_by_text
            found.append(GrammarWarning("event-not-past", (sticky.id,),
                                        _msg_event_not_past(lang, sticky, twin)))
        if sticky.kind is K.COMMAND:
            if tense_lang and reads_as_past_event(words, tense_lang):
                found.append(GrammarWarning("command-as-event", (sticky.id,),
                                            _msg_command_as_event(lang, sticky)))
            if graph.degree(sticky.id) and not graph.outcomes(sticky.id):
                found.append(GrammarWarning("command-without-outcome", (sticky.id,),
                                            _msg_command_without_outcome(lang, sticky)))
        if sticky.kind is K.POLICY and graph.degree(sticky.id) \
                and not _policy_leads_to_command(graph, sticky):
            found.append(GrammarWarning("policy-without-command", (sticky.id,),
                                        _msg_policy_without_command(lang, sticky)))
        for key, value in _unreadable_attrs(sticky):
            found.append(GrammarWarning("unreadable-attribute", (sticky.id,),
                                        _msg_unreadable_attr(lang, sticky, key, value)))
        if sticky.kind is not K.NOTE and graph.degree(sticky.id) == 0:
            found.append(GrammarWarning("unlinked-sticky", (sticky.id,),
                                        _msg_unlinked(lang, sticky)))

    for link in board.links:
        if graph.relation(link.source, link.target) is Relation.UNUSUAL:
            source, target = graph.stickies[link.source], graph.stickies[link.target]
            found.append(GrammarWarning("unusual-link", (source.id, target.id),
                                        _msg_unusual_link(lang, source, target)))

    order = {s.id: s.order for s in board.stickies}
    rank = {rule: i for i, rule in enumerate(RULES)}
    return sorted(found, key=lambda w: (order[w.stickies[0]], rank[w.rule]))


def _policy_leads_to_command(graph: BoardGraph, policy: Sticky) -> bool:
    """A policy issues a command directly, or hands work to an actor who issues one."""
    if graph.successors(policy.id, K.COMMAND):
        return True
    return any(graph.successors(actor.id, K.COMMAND)
               for actor in graph.successors(policy.id, K.ACTOR))
