"""Word lists that tell a judgment from a chore, in English and German.

Opportunity detection reads the board's structure first; the words on the stickies then
decide which ML task a judgment is, and tell transactional steps (send, pay, archive…)
apart. The lists here are written from general knowledge of how businesses phrase
judgments and chores, not from any one board.

Entries use a small pattern syntax, matched on whole words, case-insensitively, with
German umlauts also matching their two-letter spellings (``ä`` = ``ae``):

- ``word``: exactly this word;
- ``word*``: a word that starts with it (inflections: ``categori*``);
- ``*word``: a word that ends with it (German compounds: ``*prüfung``);
- ``*word*``: anywhere inside a word (``*betrug*`` in ``Betrugsverdacht``);
- several tokens separated by spaces: a phrase (``key* in``); a lone ``*`` stands for any
  one word (``pull* * out``);
- ``re:...``: a raw regular expression, for the few cases the syntax cannot say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_UMLAUTS = {"ä": "(?:ä|ae)", "ö": "(?:ö|oe)", "ü": "(?:ü|ue)", "ß": "(?:ß|ss)"}


_WORDS = re.compile(r"\S+")
_WORD_STAR = r"\w*"
_GAP = r"[\s\-]+"


def _atoms(entry: str) -> list[str]:
    """One vocabulary entry as a list of regex atoms (a character, an umlaut group,
    ``\\w*``, ``\\w+`` or a word gap)."""
    atoms: list[str] = []
    for n, token in enumerate(entry.strip().lower().split()):
        if n:
            atoms.append(_GAP)
        if token == "*":
            atoms.append(r"\w+")
            continue
        if token.startswith("*"):
            atoms.append(_WORD_STAR)
        atoms += [_UMLAUTS.get(ch, re.escape(ch)) for ch in token.strip("*")]
        if token.endswith("*") and len(token) > 1:
            atoms.append(_WORD_STAR)
    return atoms


def compile_entry(entry: str) -> str:
    """The regular expression (without word boundaries) for one vocabulary entry."""
    entry = entry.strip().lower()
    if entry.startswith("re:"):
        return entry[3:]
    return "".join(_atoms(entry))


def _trie_regex(entries: Iterable[str]) -> str:
    """One regex for many entries, shaped as a trie of their atoms: Python's regex engine
    tries alternatives one by one, so sharing prefixes makes matching many times faster."""
    trie: dict = {}
    for entry in entries:
        node = trie
        for atom in _atoms(entry):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        # literal branches first, then the ones that start by swallowing word characters
        keys = sorted((k for k in node if k), key=lambda k: (k.startswith("\\w"), k))
        branches = [k + emit(node[k]) for k in keys]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body if len(branches) == 1 else body

    return emit(trie)


class Lexicon:
    """A named list of vocabulary entries compiled into one regular expression."""

    def __init__(self, name: str, entries: Iterable[str]) -> None:
        entries = [e for e in entries if e.strip()]
        if not entries:
            raise ValueError(f"lexicon {name!r} needs at least one entry")
        self.name = name
        self.entries = tuple(entries)
        raw = [compile_entry(e) for e in self.entries if e.strip().lower().startswith("re:")]
        plain = [e for e in self.entries if not e.strip().lower().startswith("re:")]
        alternation = "|".join(([_trie_regex(plain)] if plain else []) + raw)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        self._start = re.compile(rf"(?:{alternation})(?!\w)", re.IGNORECASE)
        self._end = re.compile(rf"(?<!\w)(?:{alternation})$", re.IGNORECASE)

    def find(self, text: str) -> list[str]:
        """The distinct words or phrases of ``text`` that match, as written in ``text``."""
        lowered = text.lower()
        source = text if len(text) == len(lowered) else lowered
        found: dict[str, str] = {}
        for match in self.pattern.finditer(lowered):
            found.setdefault(match.group(0), source[match.start():match.end()])
        return list(found.values())

    def at_start(self, text: str) -> str | None:
        """The match that opens ``text`` (as written there), if any."""
        match = self._start.match(text.lower())
        return text[:match.end()] if match and len(text) == len(text.lower()) else (
            match.group(0) if match else None)

    def at_end(self, text: str) -> str | None:
        """The longest match that closes ``text`` (as written there), if any."""
        lowered = text.lower()
        words = [m.start() for m in _WORDS.finditer(lowered)]
        start = words[-6] if len(words) > 6 else 0     # phrases are short: look at the tail
        match = self._end.search(lowered, start)
        if not match:
            return None
        source = text if len(text) == len(lowered) else lowered
        return source[match.start():match.end()]

    def matches(self, text: str) -> bool:
        return self.pattern.search(text.lower()) is not None

    def __repr__(self) -> str:
        return f"Lexicon({self.name!r}, {len(self.entries)} entries)"


def lexicon(name: str, *groups: str) -> Lexicon:
    """A :class:`Lexicon` from groups of comma-separated entries (one group per line)."""
    entries = [e.strip() for group in groups for e in group.split(",")]
    return Lexicon(name, entries)


# --------------------------------------------------------------------------- task verbs
# A verb (or verb phrase) that names the judgment itself. Weight 3 in the task vote.

TASK_VERBS: dict[str, Lexicon] = {
    "classification": lexicon(
        "classification verbs",
        # English
        "classify*, classifi*, categori*, categoris*, recategori*, class, sort into, sort * into,"
        "sorts * into, sorted * into, sorting * into,"
        "triage*, route, routes, routing, re-route*, reroute*, label, labels, labell*, labelled,"
        "tag, tags, tagg*, code, codes, coding, coded, recode*, grade, grades, grading, graded,"
        "inspect*, screen, screens, screening, screened, vet, vets, vetting, vetted,"
        "qualify*, qualifi*, disqualif*, diagnos*, approv*, disapprov*, reject, rejects,"
        "rejecting, accredit*, certify, certifies, certified, certifying, certification, flag,"
        "flags, flagg*, mark as, mark * as, marks * as, marked * as, marking * as,"
        "file under, file* * under, bucket*, pigeonhole*, map to, map * to, maps * to,"
        "mapped * to, mapping * to, distinguish*,"
        "differentiate*, discriminate*, sign off, sign* * off, go or no-go, go/no-go, rate,"
        "rates, rating, rated, re-rate*, decide which, pick the right, choose the right,"
        "determine the type, determine the category, identify the type, assign* * category,"
        "assign* * code, assign* * class, assign* * level, assign* * priority, assign* * team,"
        "assign* * department, assign* * queue, assign* * owner, assign* * account,"
        "assign* * cost cent*, allocate* * cost cent*, assign*, allocat*, sort out, sort * out,"
        "sorts * out, sorted * out, sorting * out,"
        "sorts out, weed out, weed* * out, pick out, pick * out, picks * out, picked * out,"
        "picking * out, filter out, filter* * out,"
        "re:(?:read|reads|reading|go through|goes through|going through|skim\\w*|scan\\w*|"
        "look\\w* through)(?:\\s+\\w+)?\\s+(?:reviews?|comments?|feedback|complaints?|e-?mails?|"
        "messages?|letters?|posts?|chats?|survey answers|responses|replies|tickets?)",
        # German
        "klassifizier*, kategorisier*, einordn*, eingeordnet, zuordn*, zugeordnet,"
        "einstuf*, eingestuft, sortier*, aussortier*, vorsortier*, triagier*, kennzeichn*,"
        "gekennzeichnet, markier*, verschlagwort*, tagg*, kontier*, codier*, kodier*,"
        "verschlüssel*, begutacht*, beurteil*, bewert*, genehmig*, freigeb*, freigegeben,"
        "ablehn*, zulass*, sichten, sichtet, sichte, sichtung*, gesichtet, einreih*, eingereiht,"
        "diagnostizier*,"
        "qualifizier*, einteil*, zuweis*,"
        "zugewiesen, unterscheid*, benot*, einschätz*, eingeschätzt, aussortier*,"
        "*einschätzung, *einstufung, *beurteilung, *begutachtung,"
        "re:(?:bewertungen|rezensionen|kommentare|rückmeldungen|beschwerden|e-?mails|"
        "nachrichten|zuschriften|anfragen)\\s+(?:\\w+\\s+)?(?:lesen|durchlesen|durchsehen|"
        "durchgehen|sichten|auswerten)",
    ),
    "regression": lexicon(
        "regression verbs",
        "estimat*, re-estimat*, recalculat*, re-calculat*, appraise*, apprais*, valuat*, value,"
        "values, valuing, price,"
        "prices, pricing, re-pric*, reprice*, quote, quotes, quoting, calculat*, compute,"
        "computes, computed, computing, computation*,"
        "quantify*, quantifi*, gauge*, size up, approximat*, cost out, cost* * out, put a price,"
        "put a value, work out how much, work out how long, predict* how much,"
        "predict* how long",
        "taxier*, kalkulier*, neu berechn*, neuberechn*, beziffer*, bepreis*, veranschlag*,"
        "berechn*, festsetz*, quantifizier*, bemess*, beurteil* wie viel",
        # schätzen and its compounds, but not einschätzen (to assess: a class, not a number)
        r"re:(?!\w*ein(?:sch(?:ä|ae)tz))\w*sch(?:ä|ae)tz\w*",
    ),
    "forecasting": lexicon(
        "forecasting verbs",
        "forecast*, anticipat*, foresee*, foresaw, project, projects, projecting, extrapolat*,"
        "prognos*, predict*, plan* * demand, plan* demand, plan* capacity, plan* * capacity,"
        "plan* staffing, plan* * staffing, plan* headcount, plan* * headcount, budget* for",
        "prognostizier*, vorhersag*, voraussag*, vorhergesagt, vorausgesagt, vorhersehen,"
        "hochrechn*, prognos*, vorausplan*, abseh*, bedarf* plan*, *bedarf planen",
    ),
    "ranking": lexicon(
        "ranking verbs",
        "rank, ranks, ranking, ranked, re-rank*, rerank*, prioriti*, prioritis*, reprioriti*,"
        "recommend*, shortlist*, short-list*, match, matches, matching, matched, rematch*,"
        "personali*, cross-sell*, upsell*, up-sell*, curate*, order by, sort by, sort * by,"
        "sorts * by, sorted * by, sorting * by,"
        "pick the best, choose the best, select the best, find the best, find* similar,"
        "find* * similar, retrieve*, look* up similar, search* for similar, search* similar,"
        "next best",
        "priorisier*, empfehl*, empfohlen, reihen, reiht, gereiht, reihung*, ranken,"
        "rankt, gerankt, vorauswähl*, passend* * finden,"
        "ähnliche* * finden, ähnliche* * suchen, heraussuch*, abgleich*, ordnen, ordnet, geordnet,"
        "sortier* nach, sortier* * nach, reihen nach, reihenfolge festleg*",
    ),
    "anomaly_detection": lexicon(
        "anomaly detection verbs",
        "audit*, scrutini*, investigat*, detect*, spot, spots, spotting, spotted, catch,"
        "catches, uncover*, monitor*, vet for, screen* for, sanity-check*, sanity check*,"
        "reconcil*, look* for anomal*, look* for fraud, look* for duplicat*",
        "plausibilisier*, auditier*, untersuch*, aufdeck*, aufgedeckt, überwach*,"
        "durchleucht*, abstimm*, nachrechn*",
    ),
    "extraction": lexicon(
        "extraction verbs",
        "extract*, enter, enters, entering, entered, re-enter*, key in, key* * in, keys in,"
        "keyed in, keying, type in, type* * in, typ* up, type* * up, typing, capture*, captur*,"
        "transcrib*, transcript*, read off, read* * off, read out, read* * out, reads off,"
        "read in, digiti*, pull* out, pull* * out, pull* * out of, picks out, picked out,"
        "picking out, pick * out of, picks * out of, picked * out of, picking * out of,"
        "parse, parses, parsed, parsing, index, indexes, indexing, indexed, abstract*, copy over,"
        "copy* * over,"
        "copy* * into, transfer* data, transfer* * data,"
        "record* * details, record* * data, ocr*, redact*, summari*, take* * from, take* down",
        "erfass*, erfasst, abtipp*, abgetippt, eintipp*, eingetippt, eingeb*, eingegeben,"
        "eintrag*, eingetragen, auslese*, ausles*, ausgelesen, ables*, abgelesen, herausles*,"
        "herausschreib*, herausgeschrieben, heraussuch* * aus, übertrag*, übernehm*,"
        "übernommen, extrahier*, digitalisier*, indexier*, einpfleg*, eingepflegt,"
        "nachtrag*, herausfilter*, protokollier*, zusammenfass*, schwärz*",
    ),
    "clustering": lexicon(
        "clustering verbs",
        "cluster*, segment, segments, segmenting, segmented, segmentation, group, groups,"
        "grouping, grouped, regroup*, bundle* similar, find* patterns, find* * segments",
        "clustern, geclustert, segmentier*, gruppier*, bündel* ähnliche*, muster* erkenn*",
    ),
}

# A judgment verb that does not itself name the task: the objects, outcomes and context
# decide. Counts as a judgment; votes +1 for classification.
GENERIC_JUDGMENT = lexicon(
    "generic judgment verbs",
    "decide*, decision*, determin*, judg*, evaluat*, assess*, consider*, weigh, weighs,"
    "weighing, weigh up, weigh* * up, choose, chooses, choosing, chose, select, selects,"
    "selecting, selected, review, reviews, reviewing, reviewed, reconsider*, identif*, recogni*,"
    "recognis*, work out,"
    "work * out, works * out, worked * out, working * out, figure out, figure* * out, resolve*,"
    "clarify*, clarifi*, settle on,"
    "guess*, second-guess*, tell which, tell* * which, say which, predict which, find out which,"
    "find* * out which, work out which, figure out which, know which, spot which, gauge*,"
    "which * will, which * * will, who will, whether * will, will fail, will churn,"
    "will default, will cancel, will leave, likely to,"
    "conclude*, infer, infers, inferred, inferring, inference*, predict*, tell whether,"
    "tell* * whether, tell* * apart, establish*,"
    "ascertain*,"
    # checking: what is checked and what can come out say the task ("Check insurance" ends
    # in accept or reject; "Check invoice for duplicates" is an anomaly check)
    "check, checks, checking, checked, cross-check*, double-check*, verif*, validat*, control,"
    "controls, controlling, examin*",
    "prüf*, *prüfen, überprüf*, nachprüf*, *prüfung, geprüft, kontrollier*, verifizier*,"
    "validier*,"
    "entscheid*, entschied*, bestimm*, festleg*, festgelegt, ermittel*, ermittl*, beurteil*,"
    "bewert*, einschätz*, abwäg*, klären, klärt, kläre, klärung*, abklär*, geklärt, erkenn*,"
    "erkannt, identifizier*,"
    "feststell*, festgestellt, herausfind*, auswähl*, ausgewählt, wählen, wählt, wähle, gewählt,"
    "urteil*,"
    "befind*, abschätz*, welche * werden, welche * wird, wer * wird, ob * wird",
)

# Judgment verbs that also name a physical act ("Tag bag" fixes a luggage tag, "Sort parcels"
# moves boxes): alone they show a weaker judgment than "classify" or "categorize".
PHYSICAL_AMBIGUOUS = lexicon(
    "verbs that may be physical acts",
    "tag, tags, tagged, tagging, label, labels, labelled, labeled, labelling, labeling, mark,"
    "marks, marked, marking, flag, flags, flagged, flagging, code, codes, coded, coding,"
    "stamp*, sort, sorts, sorted, sorting, grade, grades, graded, grading",
    "kennzeichn*, gekennzeichnet, markier*, etikettier*, sortier*, stempel*",
)

# Verbs that fix a value: a judgment only when their object is one ("Set the interest rate",
# but not "Set password").
SETTING = lexicon(
    "setting verbs",
    "set, sets, setting, define*, fix, fixes, fixing, fixed, agree on, agree* * on, adjust*,"
    "tune*, calibrat*",
    "festleg*, festgelegt, festsetz*, einstell*, anpass*, angepasst, definier*",
)

# Verbs that put forward a choice without saying what kind: a ranking unless the object
# says otherwise ("Propose starting salary" is a number). Weight 1.5 for ranking.
SUGGEST = lexicon(
    "suggesting verbs",
    "suggest*, propos*, advis*, nominat*, put forward, come up with",
    "vorschlag*, vorschlagen, vorgeschlagen, *vorschlag, anbiet*, nahelegen",
)

# Steps that hide a judgment or not, depending on the structure around them.
VAGUE = lexicon(
    "vague verbs",
    "handle, handles, handled, handling, process, processes, processed, processing,"
    "deal with, deals with, work on, work * on, works * on, worked * on, working * on,"
    "take care of, treat, treats, look at,"
    "look* * at, go through, go * through, goes * through, going * through, went * through",
    "bearbeit*, erledig*, behandel*, durchgeh*, durchsehen, ansehen, anschauen",
)

# How many of something will be needed: a forecast of demand, not an allocation ("Plan cars
# needed per station", "How many nurses will be required next week", "Benötigte Fahrzeuge
# je Station planen", "Bedarf an Aushilfen ermitteln").
_UP_TO_FOUR_WORDS = r"(?:[\w'-]+\s+){0,4}?"
FORECAST_NEED = Lexicon("forecast of need", [
    # planning or estimating what is needed; not "Calculate deposit required" or "Check
    # number of signatures required", which name a fixed requirement
    r"re:(?:plan|plans|planned|planning|estimate[sd]?|estimating|predict\w*|project|"
    r"projects|projecting|forecast\w*|anticipate[sd]?|anticipating|how many)\s+"
    + _UP_TO_FOUR_WORDS + r"(?:needed|required|necessary)",
    "will be needed", "will be required", "needed next*", "required next*",
    "needed for next*", "required for next*", "needed in the coming",
    "required in the coming",
    r"re:benötigte\w*\s+" + _UP_TO_FOUR_WORDS + r"(?:planen|plant|ermitteln|ermittelt|"
    r"abschätzen|schätzen|berechnen|bestimmen|vorhersagen|prognostizieren|hochrechnen)",
    r"re:(?:wie viele|anzahl der|anzahl an)\s+" + _UP_TO_FOUR_WORDS
    + r"(?:benötigt|gebraucht|erforderlich|nötig)",
    "benötigt werden", "gebraucht werden", "bedarf an",
    r"re:\w*bedarfs?\s+" + _UP_TO_FOUR_WORDS + r"(?:planen|plant|ermitteln|ermittelt|"
    r"abschätzen|schätzen|berechnen|bestimmen|vorhersagen|prognostizieren|hochrechnen)",
])

# Words that shift the task and by themselves show that a judgment is needed
# (weight 2 in the task vote).
TASK_CUES: dict[str, Lexicon] = {
    "classification": lexicon(
        "classification cues",
        "category, categories, class, classes, type of, kind of, priority, priorities,"
        "urgency, severity, risk*, grade, sentiment, intent, topic, churn*, eligib*,"
        "creditworth*, right team, right department, right queue, right person,"
        "responsible team, responsible department, whether, root cause, cause, causes,"
        "the right, the correct, the appropriate, the responsible, the relevant,"
        "reason for, reasons for, condition, quality, go or no, tone, language of,"
        "spam, relevance of, defect*, faulty, damaged, damage class, diagnosis, at risk, at-risk,"
        "commodity code*, tariff code*, tariff number*, hs code*, customs code*, icd code*,"
        "gl account*, general ledger account*, account code*, product code*",
        "kategorie*, *kategorie, klasse*, *klasse, art der, typ, priorität*, dringlichkeit*,"
        "schweregrad*, *risiko*, risiko*, *stufe, einstufung*, zuständig*, richtige abteilung,"
        "richtige* team, ob, *ursache*, ursache*, grund für, gründe für, zustand*, qualität*,"
        "eignung*, geeignet*, bonität*, kostenstelle*, *konto, sachkonto*, *fehler, mangel,"
        "mängel*, *mängel, beschädig*, stimmung*, anliegen*, gefährdet*, ausfallgefährdet*,"
        "*tarifnummer*, tarifnummer*, zolltarif*, warennummer*, *warennummer, icd*, *schlüssel,"
        "sachkonto*, warengruppe*, *warengruppe",
        # is the case complete: a yes or no per case
        "completeness, incomplete, complete or not, vollständig*, unvollständig*",
    ),
    "regression": lexicon(
        "regression cues",
        "how much, how long, how many, amount of, value of, price of, cost of",
        "wie viel, wie viele, wie lange, höhe der, höhe des",
    ),
    "forecasting": lexicon(
        "forecasting cues",
        "demand*, sales next, sales for, sales of next, arrivals, footfall, traffic, workload*,"
        "staffing, headcount, capacity, capacities, peak*, season*, trend*, tomorrow*, tonight*,"
        "next week*, next month*, next day*, next quarter*, next year*, next season*,"
        "next shift*, coming week*, coming month*, coming days, upcoming, future, volumes,"
        "grow, grows, growing, growth, will increase, will decline, will rise, will drop,"
        "volume, call volume*, expected, forecast*, turnout",
        "*bedarf*, bedarf*, nachfrage*, *nachfrage, absatz*, abverkauf*, *aufkommen*,"
        "auslastung*, *auslastung, kapazität*, *kapazität*, spitze*, *spitze, saison*,"
        "*saison, trend*, morgen, übermorgen, nächste* woche, nächste* monat*, nächste* tag*,"
        "nächste* quartal*, nächste* jahr*, kommende* woche*, kommende* monat*, künftig*,"
        "zukünftig*, *prognose*, prognose*, vorhersage*, erwartet*, *menge* nächste*,"
        "voraussichtlich*,"
        "wachsen, wächst, wachstum*, *wachstum, zuwachs*, steigen werden, sinken werden,"
        "*mengen*, absatzmenge*, besucherzahl*, *zahlen der nächsten",
    ),
    "ranking": lexicon(
        "ranking cues",
        "similar, similarity, relevant, relevance, best, top, most promising, most likely,"
        "most suitable, best fit, matching, recommendation*, next best, shortlist,"
        "prioritis*, prioritiz*, personalised, personalized, cross-sell, upsell, alternatives,"
        "search results, result list, results list, hit list, feed, ranking, order of,"
        "comparable, comparables, lookalike*, look-alike*",
        "ähnlich*, passend*, relevant*, relevanz*, beste, besten, bester, bestes, bestem,"
        "bestmöglich*, bestgeeignet*, bestpassend*, vielversprechend*,"
        "empfehlung*, *empfehlung, geeignetste*, alternativ*, suchergebnis*, trefferliste*,"
        "ergebnisliste*, rangfolge*, vergleichbar*, vergleichsobjekt*",
    ),
    "anomaly_detection": lexicon(
        "anomaly detection cues",
        "fraud*, suspicious*, suspect*, suspicion*, anomal*, unusual, abnormal*, irregular*,"
        "outlier*, deviation*, deviant, duplicate*, duplicat*, double billing, double-billed,"
        "inflated, fake*, forged, forger*, counterfeit*, genuine, authentic*, tamper*,"
        "manipulat*, money laundering, laundering, compliance, non-compliance, compliant,"
        "violation*, breach*, plausib*, implausib*, odd, strange, misuse*, abuse*, scam*,"
        "phishing, intrusion*, leak*, error*, mistake*, inconsisten*, discrepanc*, mismatch*,"
        "policy violation*, doubtful, dubious, questionable, fishy, unverified, identity theft",
        "*betrug*, betrug*, betrüger*, *verdacht*, verdächtig*, auffällig*, *auffällig*,"
        "ungewöhnlich*, *anomal*, anomal*, unregelmäßig*, *abweichung*, abweich*, ausreißer*,"
        "doppelt*, dublette*, *dublette*, duplikat*, gefälscht*, fälschung*, *fälschung,"
        "manipul*, geldwäsche*, compliance, *verstoß*, verstoß*, *verstoss*, plausib*,"
        "unplausib*, *plausibilität, missbrauch*, echt, echtheit*, stimmig*, unstimmig*,"
        "ungereimtheit*, *unstimmigkeit*, zweifelhaft*, fragwürdig*, dubios*,"
        "identitätsdiebstahl*",
    ),
    "extraction": lexicon(
        "extraction cues",
        "re:(?:from|out of|off|in) (?:the |a |an |each |every |all )?"
        r"(?:\w+ )?(?:documents?|pdfs?|scans?|e-?mails?|letters?|forms?|cvs?|resumes?|"
        r"invoices?|receipts?|contracts?|photos?|images?|pictures?|faxe?s?|labels?|notes?|"
        r"reports?|attachments?|files?|statements?|certificates?|transcripts?|recordings?)",
        "handwritten, unreadable, illegible, blurry, scanned, free text, free-text, ocr",
        "re:aus (?:de[mnr] |den |einem |einer |jede[mnr] )?(?:\\w+ )?\\w*(?:dokument\\w*|"
        r"pdfs?|scans?|e-?mails?|briefe?n?|formular\w*|lebenslauf|lebensläufen|rechnung\w*|"
        r"belege?n?|vertr[aä]g\w*|fotos?|bilde?r?n?|fax\w*|meldung\w*|bericht\w*|antr[aä]g\w*|"
        r"anhang|anhängen|unterlagen|schreiben|etikett\w*|gutachten)",
        "handschriftlich*, unleserlich*, eingescannt*, freitext*",
    ),
    "clustering": lexicon(
        "clustering cues",
        "segments, segmentation, personas, cohorts, clusters, customer groups, groups of similar",
        "segmente*, zielgruppe*, kundengruppe*, cluster, kohorte*",
    ),
}

# Objects that shift the task but do not by themselves show a judgment
# ("Enter amount" is extraction, "Decide amount" regression). Weight 2 in the task vote.
TASK_OBJECTS: dict[str, Lexicon] = {
    "regression": lexicon(
        "regression objects",
        "price*, cost, costs, costing, amount, amounts, value, valuation, sum, total, fee,"
        "fees, premium*, salary, salaries, wage*, pay rate, budget*, duration*, lead time*,"
        "time, times, effort, hours, quantity, quantities, order size, size, weight, reserve*,"
        "lifetime, remaining life, useful life, life expectancy, delay*, eta, arrival time,"
        "time window, yield, margin*, discount*, rent, bid*, offer price, limit*, score*,"
        "compensation, settlement amount, turnaround, throughput, consumption, rate, rates,"
        "interest rate*, instalment*, installment*, tariff*, down payment*, deposit amount",
        "*preis*, preis*, kosten, *kosten, kostenhöhe*, *betrag*, betrag*, *summe, summe*, wert,"
        "werte,"
        "*wert, *gebühr*, gebühr*, *prämie*, prämie*, *beitrag, beitrag*, *gehalt*, gehalt*,"
        "*lohn, lohn, löhne, lohnkosten*, lohnhöhe*, lohnsumme*, *budget*, budget*, *dauer,"
        "dauer*, *zeit, *zeiten, *aufwand*, aufwand*,"
        "*menge, menge*, *höhe, höhe*, *reserve*, reserve*, *lebensdauer*, verspätung*,"
        "zeitfenster*, *rabatt*, rabatt*, *marge*, marge*, miete, mieten, mietpreis*, *miete,"
        "*limit*, limit*,"
        "*verbrauch*, verbrauch*, *entschädigung*, abschlag*, *abschlag, abschläge, rate, raten,"
        "monatsrate*, zins, zinsen, zinssatz*, *zinssatz, tarif*",
    ),
    "extraction": lexicon(
        "extraction objects",
        "data, details, fields, field, header, headers, line items, address*, iban*, name,"
        "names, date, dates, entities, clauses, clause, key facts, figures, text, values,"
        "reading, readings, meter reading*, serial number*, skills, information, items,"
        "particulars, metadata",
        "*daten, daten*, *daten*, angaben*, *angaben, felder*, *felder, kopf*, positionen*,"
        "*positionen, adresse*, *adresse, iban*, klausel*, *klausel*, text*, werte, zählerst*,"
        "*nummer, *nummern, kennzeichen*, *zählerstand*, kontostand*, kilometerstand*,"
        "füllstand*, pegelstand*, lagerbestand*, stammdaten*, informationen*",
    ),
}

# Hotspot words: what kind of pain a hotspot reports (for the evidence sentence) ...
PAIN: dict[str, Lexicon] = {
    "waste_shortage": lexicon(
        "waste or shortage",
        "empty shelves, shelves are empty, out of stock, stock-out*, stockout*, thrown away,"
        "throw away, waste*, run out, runs out, ran out, running out, sold out,"
        "understaff*, overstaff*, overrun*, overbook*, no-show*, shortage*, excess,"
        "too early, hired too late, staffed too late, ordered too late, overload*, idle",
        "leere regale, regale sind leer, ausverkauft*, weggeworfen*, wegwerfen*, verschwend*,"
        "unterbesetzt*,"
        "überbesetzt*, überlast*, überbucht*, engpass*, engpäss*, überbestand*, zu früh,"
        "leerlauf*",
    ),
    "found_late": lexicon(
        "found late",
        "fraud*, duplicate*, inflated, months later, weeks later, years later, found late,"
        "too late, late, by chance, slip through, slips through, slipped through, missed,"
        "overlooked, unnoticed, spotted only, only spotted, only found, discovered later,"
        "again and again, repeat*, serial",
        "betrug*, doppelt*, dublette*, monate später, wochen später, zu spät, erst *,"
        "zufällig*, durchrutsch*, übersehen*, unbemerkt*, immer wieder, wiederholt*",
    ),
    "errors": lexicon(
        "errors",
        "error*, mistake*, typo*, wrong*, incorrect*, misfil*, misrout*, mis-rout*, misclass*,"
        "mislabel*, bounce*, rework*, redo*, corrections, fail*, faulty, inaccurate,"
        "full of typos, do not fit, don't fit, doesn't fit, does not fit, empty,"
        "false hit*, false positive*, false alarm*, false negative*, miscellaneous, misc,"
        "under other, as other",
        "fehler*, *fehler, tippfehler*, falsch*, irrläufer*, nacharbeit*, vertipp*,"
        "korrektur*, ungenau*, passt nicht, passen nicht, leer, fehlalarm*, fehltreffer*,"
        "sonstiges, unter sonstige*",
    ),
    "disagreement": lexicon(
        "disagreement",
        "disagree*, disagreement*, differ*, different*, differently, inconsisten*,"
        "subjective*, arbitrar*, gut feeling, depends on who, each * does, every * does,"
        "nobody agrees, no one agrees, argue*, debate*",
        "uneinig*, unterschiedlich*, anders, uneinheitlich*, subjektiv*, bauchgefühl*,"
        "willkürlich*, jeder * anders, jede * anders, streit*, diskutier*",
    ),
    "search": lexicon(
        "failing search",
        "search*, can't find, cannot find, can not find, hard to find, exact words, look up,"
        "looking up",
        "such*, nicht finden, finden nicht, schwer zu finden, nachschlag*",
    ),
    "slowness": lexicon(
        "slowness or backlog",
        "slow*, takes, take ages, hours, days, weeks, minutes, backlog*, queue*, wait*, delay*,"
        "bottleneck*, piles up, pile up, pile* * up, overtime, manual*, by hand, tedious*,"
        "keep calling, keeps calling, keep asking, keeps asking, chase*, chasing, ask* when,"
        "time-consuming, time consuming, give up, gives up, ages, long, retyp*, re-typ*, rekey*,"
        "re-key*, re-enter*",
        "langsam*, dauert*, dauern, stunden*, tage*, wochen*, minuten*, rückstau*, *stau,"
        "warteschlange*, wartezeit*, warten, wartet, warte, wartend*, verzöger*, überstunden*,"
        "manuell*, von hand,"
        "mühsam*, aufwendig*, aufwändig*, zeitaufwendig*, stapel*, lange, ewig*,"
        # people chasing an answer: the wait shows
        "rufen * an, ruft * an, nachfrag*, fragen * wann, fragt * wann, ständig * fragen",
    ),
}

# ... and which task a hotspot's words point to (weight 1 in the task vote).
HOTSPOT_TASK_CUES: dict[str, Lexicon] = {
    "extraction": lexicon(
        "extraction hotspot cues",
        "typo*, typing, typed, keyed, keying, key in, manual entry, data entry, blurry,"
        "illegible, unreadable, handwritten, fields, copy*, re-enter*, transcrib*, retyp*,"
        "re-typ*, rekey*, re-key*",
        "tippfehler*, abtipp*, abgetippt, vertipp*, unleserlich*, handschriftlich*, felder,"
        "übernommen, übertragen, eingegeben, erfass*",
    ),
    "classification": lexicon(
        "classification hotspot cues",
        "disagree*, inconsisten*, differently, different grade*, different categor*,"
        "misfil*, misrout*, misclass*, mislabel*, wrong team, wrong category, wrong queue,"
        "bounce*, subjective, do not fit, don't fit, does not fit, miscellaneous, under other,"
        "as other",
        "uneinig*, unterschiedlich*, anders, uneinheitlich*, falsch zugeordnet, irrläufer*,"
        "falsche abteilung, falsche kategorie, passt nicht, subjektiv*, sonstiges,"
        "unter sonstige*",
    ),
    "anomaly_detection": lexicon(
        "anomaly hotspot cues",
        "fraud*, duplicate*, inflated, months later, found late, by chance, slip* through,"
        "overlooked, unnoticed, serial, again and again, suspicious, fake*",
        "betrug*, doppelt*, dublette*, erst beim, erst wenn, erst nach, zufällig*,"
        "durchrutsch*, übersehen*, unbemerkt*, immer wieder, verdächtig*, bemerken * erst,"
        "merken * erst",
    ),
    "forecasting": lexicon(
        "forecasting hotspot cues",
        "empty shelves, shelves are empty, out of stock, stock-out*, thrown away, waste*,"
        "understaff*, overstaff*, overrun*, peak*, every monday, every weekend, after every,"
        "after public holiday*, hired too late, too late every, season*, run out, runs out,"
        "ran out, running out, holiday weekend*, bank holiday*, sold out",
        "leer*, ausverkauft*, weggeworfen*, unterbesetzt*, überbesetzt*, überlast*, spitze*,"
        "jeden montag, jedes wochenende, nach jeder, saison*, feiertag*, brückentag*,"
        "geht * aus, gehen * aus, gehen aus, geht aus, ausgegangen",
    ),
    "ranking": lexicon(
        "ranking hotspot cues",
        "search*, exact words, can't find, cannot find, hard to find, give up, gives up,"
        "scroll*, irrelevant",
        "such*, nicht finden, finden nicht, geben auf, irrelevant*",
    ),
    "regression": lexicon(
        "regression hotspot cues",
        "below market, above market, overpriced, underpriced, off by, too high, too low,"
        "thousands, wrong estimate*, under-estimat*, over-estimat*, underestimat*,"
        "overestimat*, too early or too late, too early",
        "daneben, zu hoch, zu niedrig, tausende, unterschätzt*, überschätzt*, zu früh",
    ),
}

# --------------------------------------------------------------------------- chores
# Steps that carry out a decision already made. Checked on the verb position of a command:
# its first word (English imperatives) or its last word (German infinitives).
TRANSACTIONAL = lexicon(
    "transactional verbs",
    # English: communicate
    "send*, sent, resend*, forward*, mail, mails, mailed, mailing, email*, e-mail*, post,"
    "posts, posted, posting, publish*, notify*, notifi*, inform, informs, informed,"
    "informing, tell, tells, told, remind*, text, texts, texted, call, calls, called,"
    "calling, phone*, ring, answer*, reply, replies, replied, replying, respond*, write,"
    "writes, writing, wrote, written, draft, drafts, drafting, drafted, compose*, greet*,"
    "welcome*, invite*, announce*, escalat*, request*, ask, asks, asked, apply, applies,"
    "applied, report, reports, reported, reporting, complain*, acknowledg*, confirm*,"
    "thank*, chase*, follow up, follow* * up, check in, checks in, checked in, checking in,"
    "check-in, check out, checks out, checked out, checking out, check-out, fill in, fill* * in,"
    "fill out, fill* * out,"
    "commission*, instruct*, order* * from, organi*, launch*, set up, set * up, sets * up,"
    "setting * up, put, puts,"
    "put on hold, put* * on hold, hold, holds, negotiat*, haggle*, bargain*",
    # English: money
    "pay, pays, paid, paying, payment*, payout*, repay*, refund*, reimburs*, transfer*, wire,"
    "wires, wired, remit*, settle*, charge, charges, charged, charging, invoice*, bill, bills,"
    "billed, billing, debit*,"
    "credit, credits, credited, crediting, deposit*, withdraw*, collect*, cash*, book,"
    "books, booked, booking, post * to ledger, posts * to ledger, posted * to ledger,"
    "posting * to ledger",
    # English: goods and places
    "print*, reprint*, archiv*, file, files, filed, filing, store, stores, stored, storing,"
    "save*, back up, order, orders, ordered, ordering, reorder*, re-order*, buy*, bought,"
    "purchas*, sell*, sold, place, places, placed, placing, ship, ships, shipped, shipping,"
    "deliver*, dispatch, dispatches, dispatched, hand over, hand * over, hands * over,"
    "handed * over, handing * over, hand in, hand * in, hands * in, handed * in, handing * in,"
    "hand out, hand * out, hands * out, handed * out, handing * out, drop, drops, dropped,"
    "drop off, pick up, pick * up, picks * up, picked * up, picking * up, collect,"
    "receiv*, unload*, load, loads, loaded, loading, pack, packs, packed, packing, unpack*,"
    "repack*, wrap*, put away, put* * away, put* * back, stock, stocks, stocked, restock*,"
    "replenish*, shelve*, move, moves, moved, moving, carry, carries, carried, return,"
    "returns, returned, returning, bring*, brought, take back, pick, picked, scan, scans,"
    "scanned, scanning, count, counts, counted, counting",
    # English: records and things
    "upload*, download*, submit*, resubmit*, register*, re-register*, sign, signs, signed,"
    "signing, countersign*, open, opens, opened, opening, reopen*, close, closes, closed,"
    "closing, cancel*, start*, stop, stops, stopped, stopping, pause*, resume*, restart*,"
    "creat*, delet*, updat*, edit, edits, edited, editing, copy, copies, copied, attach*,"
    "log, logs, logged, logging, log in, lock*, unlock*, issue, issues, issued, issuing,"
    "deploy*, install*, run, runs, running, execut*, perform*, conduct*, hold, holds, held,"
    "attend*, meet, meets, met, visit*, clean*, repair*, fix, fixes, fixed, fixing, replace*,"
    "assembl*, produc*, manufactur*, cook*, serve, serves, served, wash*, dispose, disposes,"
    "disposed, disposing, disposal, discard*,"
    "destroy*, shred*, remov*, block, blocks, blocked, suspend*, activat*, deactivat*,"
    "enable*, disable*, renew*, extend*, convert*, export*, import*, sync*, share, shares,"
    "shared, sharing, finish*, complete, completes, completed, completing, release, releases,"
    "released,"
    "hire, hires, hired, onboard*, train, trains, trained, accept, accepts, accepted,"
    "accepting",
    # German
    "*senden, gesendet, versandt, *schicken, *geschickt, weiterleit*, weitergeleitet, mail*,"
    "*mailen, faxen, informier*, benachrichtig*, mitteil*, *melden, gemeldet, anruf*,"
    "erinnern, mahnen, *zahlen, *gezahlt, überweis*, überwiesen, *erstatten, erstattet,"
    "begleich*, abbuch*, *buchen, gebucht, verbucht, *drucken, gedruckt, archivier*, ablegen,"
    "abgelegt, abheft*, speicher*, sichern, *bestellen, bestellt, *kaufen, gekauft, *liefern,"
    "geliefert, zustell*, versend*, verschick*, *packen, verpack*, einlager*, auslager*,"
    "kommissionier*, abhol*, annehmen, angenommen, entgegennehm*, empfang*, erhalten,"
    "hochlad*, herunterlad*, einreich*, eingereicht, beantrag*, anmeld*, registrier*,"
    "unterschreib*, unterzeichn*, signier*, *öffnen, eröffn*, *schließen, geschlossen,"
    "abschließen, storn*, kündig*, start*, stopp*, anhalten, beend*, anleg*, angelegt,"
    "erstell*, lösch*, aktualisier*, änder*, kopier*, *scannen, eingescannt, anhäng*,"
    "bestätig*, quittier*, ausstell*, ausgestellt, ausgeb*, aushändig*, übergeb*, übergeben,"
    "ausführ*, ausgeführt, durchführ*, durchgeführt, abhalt*, vorbereit*, reinig*, reparier*,"
    "*tauschen, montier*, entsorg*, vernicht*, schreiben, *schreiben, verfass*, beantwort*,"
    "antwort*, eskalier*, anforder*, einlad*, vereinbar*, zurücksend*, retournier*,"
    "sperr*, entsperr*, aktivier*, deaktivier*, verlänger*, exportier*, importier*,"
    "einstell*, abschließ*, fertigstell*, produzier*, fertig*,"
    "herstell*, einricht*, zählen, auszählen, bereitstell*, übermittel*, zusend*,"
    "beauftrag*, anweis*, angewiesen, ausfüll*, ausgefüllt, verhandel*, aushandel*",
)

# Light verbs: chores by themselves ("Create account"), but a judgment when their object is
# one ("Create demand forecast", "Risikobewertung vornehmen", "Perform quality check").
LIGHT_VERBS = lexicon(
    "light verbs",
    "create, creates, creating, make, makes, making, made, perform*, conduct*, carry out,"
    "carry * out, carries * out, carried * out, carrying * out, do, does, doing, run, runs,"
    "running, prepare*, produce*, draw up,"
    "draw* * up, complete*, give, gives, provide, provides, provided, providing, deliver a,"
    "compile*, put together, pick,"
    "picks, picked, picking, order, orders, ordered, ordering, arrange*, sort,"
    "sorts, sorted, sorting, tell, tells, say, says, hand, hands, handed, pass, passes, passed,"
    "read, reads, reading, copy, copies, copied, copying, transfer, transfers, transferred,"
    "take, takes, took, move, moves, moved",
    "erstell*, durchführ*, durchgeführt, vornehm*, vorgenommen, treff*, abgeb*, mach*,"
    "anfertig*, erarbeit*, aufstell*, abgeben, liefern, ausführen, ordnen, stellen",
)

# Commands of people outside the business (the business does not judge there).
EXTERNAL_ACTORS = lexicon(
    "external actors",
    "customer, customers, client, clients, shopper*, consumer*, guest, guests, visitor*,"
    "patient, patients, applicant, applicants, candidate, candidates, citizen*, tenant*,"
    "subscriber*, passenger*, traveller*, traveler*, supplier*, vendor*, shipper*, sender*,"
    "recipient*, consignee*, business partner*, channel partner*, partner compan*,"
    "policyholder*, policy holder*, insured, claimant*, prospect*, borrower*, debtor*, donor*,"
    "student*, parent*, end user*, caller*, complainant*, landlord*, carrier*, courier*,"
    "contractor*, agency, household*, resident, residents, farmer*, hauler*, haulier*",
    "kunde, *kunde, kundin, *kundin, kunden, *kunden, besteller*, gast, gäste, besucher*,"
    "patient*, bewerber*, antragsteller*, bürger*, mieter*, abonnent*, fahrgast, fahrgäste,"
    "reisende*, lieferant*, versender*, absender*, empfänger*, geschäftspartner*,"
    "vertriebspartner*, versicherungsnehmer*, versicherte*, anspruchsteller*, geschädigte*,"
    "schuldner*, kreditnehmer*, darlehensnehmer*, interessent*, spediteur*, frachtführer*,"
    "schüler*, eltern, anrufer*, vermieter*, auftragnehmer*, haushalt*, anwohner*,"
    "landwirt*, erzeuger*",
)

# Roles that are outside parties on one board and staff on another (a procurement "Buyer",
# a law firm's "Partner"): outside only when their lane says so ("## Customer").
EXTERNAL_AMBIGUOUS = lexicon(
    "ambiguous outside roles",
    "buyer*, seller*, member*, user*, users, broker*, dealer*, reseller*, merchant*, agent*,"
    "partner*, owner*, manager*",
    "käufer*, verkäufer*, mitglied*, nutzer*, makler*, händler*, partner*, eigentümer*",
)

# Words that make an external-looking actor an internal role ("customer service agent").
INTERNAL_ROLE = lexicon(
    "internal roles",
    "agent*, service, services, support, manager*, team, teams, desk, officer*, clerk*,"
    "analyst*, advisor*, adviser*, representative*, rep, reps, success, care, relations,"
    "account manager*, handler*, specialist*, coordinator*, department",
    "*berater*, *betreuer*, *service*, *dienst*, *abteilung*, *management*, *manager*,"
    "*sachbearbeit*, *referent*, *betreuung*, *team*, *mitarbeiter*, angestellte*,"
    "employee*, staff",
)

# Actors that are machines, not people.
MACHINE_ACTORS = lexicon(
    "machine actors",
    "system, systems, bot, bots, chatbot*, scheduler, cron, timer, robot*, automation*,"
    "automated, script*, job, batch, machine, machines, sensor*, ai, algorithm*",
    "*system, *systeme, automat*, roboter*, skript*, maschine, sensor*, ki, algorithmus*",
)

# A policy whose condition needs a judgment ("whenever X looks suspicious").
JUDGMENT_CONDITION = lexicon(
    "judgment conditions",
    "suspicious*, suspect*, suspicion*, looks, look like, looks like, look* * like,"
    "looks * suspicious, seem, seems, seeming*, appears, appear to, likely, unlikely,"
    "probably, probable, possibly, possible, might, may be, could be, maybe, doubt*,"
    "unusual, odd, strange, questionable, risky, fraud*, plausib*, implausib*, unclear,"
    "uncertain, promising, interesting, worth, important, urgent, serious, good fit,"
    "fits, suitable, appropriate, the right, best, matching, similar, relevant, concern*,"
    "smells, feels, unexpected*, too high, too low, too expensive, too cheap, exceptional,"
    "abnormal*, anomal*, irregular*, genuine, fake*",
    "verdächtig*, *verdacht*, auffällig*, ungewöhnlich*, scheint, scheinen, wirkt, wirken,"
    "aussieht, aussehen, sieht * aus, wahrscheinlich*, vermutlich*, möglicherweise,"
    "eventuell, vielleicht, zweifelhaft*, zweifel*, fragwürdig*, merkwürdig*, seltsam*,"
    "riskant*, unplausibel*, plausibel*, unklar*, unsicher*, vielversprechend*,"
    "interessant*, relevant*, wichtig*, dringend*, passend*, geeignet*, richtige*, beste, besten,"
    "bester, bestes, bestem, bestmöglich*,"
    "ähnlich*, lohnt*, lohnend*, betrug*, unerwartet*, zu hoch, zu niedrig, zu teuer,"
    "*betrug*, anomal*, unregelmäßig*, echt, gefälscht*",
)

# A policy that says it runs by itself: rule automation, not a judgment.
AUTOMATIC = lexicon(
    "automatic",
    "automatically, automatic, auto-*, without review, straight through, straight-through,"
    "immediately",
    "automatisch*, sofort, ohne prüfung, dunkelverarbeitung*",
)

# --------------------------------------------------------------------------- optimisation
OPTIMISATION_INTRINSIC = lexicon(
    "optimisation (by itself)",
    "schedul*, reschedul*, roster*, rota, rotas, timetabl*, optimi*, optimis*, route plan*,"
    "routes, routing of, vehicle routing, tour plan*, shift plan*, crew plan*,"
    "load plan*, seating plan*, bin pack*, pack* * pallet*, sequenc*, slotting, slot*,"
    "dispatch drivers, dispatch technicians, dispatch vehicles, dispatch crews,"
    "load balanc*, balance the load, production plan*, capacity allocation",
    "*einplanen, eingeplant, disponier*, *dienstplan*, dienstplan*, *schichtplan*,"
    "schichtplan*, tourenplan*, *tourenplan*, routenplan*, *routenplan*, einsatzplan*,"
    "*einsatzplan*, belegungsplan*, *belegung*, belegung*, reihenfolge*, optimier*,"
    "terminier*, *terminplanung*, fahrplan*, stundenplan*, maschinenbelegung*,"
    "produktionsplan*, tourenplanung*, zeitplan*, *zeitplan*",
)

OPTIMISATION_VERBS = lexicon(
    "allocating verbs",
    "plan, plans, planning, planned, allocat*, assign*, distribut*, route, routes, routed,"
    "routing, dispatch*,"
    "draw up, draw* * up, draws up, drew up, make up, make* * up, set up, lay out,"
    "arrange*, organi*, fill*, staff, staffs, staffing, match * to, matches * to, matched * to,"
    "matching * to, pair*, seat*, put together",
    "plan*, *planen, geplant, zuteil*, zugeteilt, zuweis*, zugewiesen, verteil*, belegen,"
    "einteil*, eingeteilt, zuordn*, besetz*, organisier*, erstell*, aufstell*",
)

OPTIMISATION_RESOURCES = lexicon(
    "resources",
    "shift*, slot*, bed, beds, room, rooms, vehicle*, truck*, lorry, lorries, van, vans,"
    "fleet*, driver*, crew*, technician*, nurses, staff to, staff across, dock*, gate, gates,"
    "berth*, machine, machines, production line*, assembly line*, tour, tours, route, routes,"
    "itinerar*, seat, seats, table, tables, appointment*,"
    "timetable*, rota*, roster*, pallet*, container*, loading bay*, operating theat*,"
    "operating room*, surgeon*, courses, classrooms, desks, parking",
    "schicht*, *schicht, *schichten, slot*, bett*, *betten, zimmer*, raum, räume, *räume,"
    "fahrzeug*, *fahrzeug*, lkw*, transporter*, flotte*, fahrer*, *fahrer, crew*,"
    "techniker*, monteur*, personal, rampe*, *rampe, tor, tore, liegeplatz*, maschine*, *maschine,"
    "linie*, tour, touren, *tour, *touren, route, routen, *route, *routen, sitzplatz*, sitzplätze*,"
    "tisch, tische, termin, termine, *termin, re:\\w*(?<!de)termine, dienstplan*, palette*,"
    "container*,"
    "ladefläche*,"
    "op-säle*, op-saal, chirurg*, kurse, parkpl*",
)

# --------------------------------------------------------------------------- people
HIGH_STAKES: dict[str, Lexicon] = {
    # Only words that name the domain by themselves: "claim" is also a travel expense
    # claim, "job" a batch job, "vacancy" an empty flat, "diagnose" a fault, "degree" an
    # extent, "sentence" a line of text, "Gericht" a dish, "Kündigung" a customer's notice.
    "credit": lexicon(
        "credit",
        "loan*, mortgage*, lending, lender*, borrower*, creditworth*, credit score*,"
        "credit limit*, credit check*, credit application*, credit decision*, overdraft*,"
        "credit risk, affordability",
        "re:\\w*kredit(?!or)\\w*, darlehen*, *darlehen*, bonität*, *bonität*, schufa*,"
        "kreditnehmer*, baufinanzierung*, ratenkredit*, kreditwürdig*",
    ),
    "employment": lexicon(
        "employment",
        "hire, hires, hiring, hired, recruit*, candidate*, job applicant*, job application*,"
        "cv, cvs, résumé*, job offer*, job interview*, job posting*, job opening*, job ad,"
        "job ads, job vacanc*, interview candidate*, interview applicant*, salary, salaries,"
        "promotion of, dismissal*, dismiss employee*, dismiss staff, layoff*, lay off,"
        "performance review*, employee evaluation*, talent*, headhunt*,"
        "shortlist* candidates, workforce reduction",
        "bewerber*, *bewerbung*, bewerbung*, kandidat*, lebenslauf*, lebensläuf*,"
        "einstellung von, einstellungsentscheid*, stellenbesetzung*, stellenausschreibung*,"
        "gehalt*, *gehalt, entlassung*, arbeitgeberkündigung*, *mitarbeiterkündigung*,"
        "kündigung des arbeitsverhältnisses, betriebsbedingte kündigung*,"
        "mitarbeiterbeurteilung*, personalauswahl*, vorstellungsgespräch*, abmahnung*",
    ),
    "health": lexicon(
        "health",
        "patient*, clinical*, clinic*, medical*, medicine*, medication*, treatment plan*,"
        "medical treatment*, therap*, nurse*, physician*, doctor*, hospital*, healthcare,"
        "health care, health record*, health data, health condition*, health insurance,"
        "mental health, public health, health risk*, vital sign*, ward, wards,"
        "prescription*, prescrib*, surger*, emergency department, medical diagnos*,"
        "disabilit*, disabled person, disabled persons, disabled people, disablement*",
        "patient*, *patient*, arztbrief*, befund*, behandlung*, therapie*,"
        "symptom*, arzt, ärzt*, *arzt, pflegekraft*, pflegedienst*, pflegebedürft*, klinik*,"
        "*klinik, krankenhaus*, medizin*,"
        "medikament*, gesundheit*, *gesundheit*, kranken*, notaufnahme*,"
        "behinderung*, pflegegrad*",
    ),
    "insurance": lexicon(
        "insurance",
        "insur*, reinsur*, underwrit*, claimant*, policyholder*, policy holder*,"
        "loss adjust*, claims adjust*, claim adjust*, actuar*",
        "versicher*, *versicherung*, schaden*, schadens*, *schaden, deckungsprüfung*,"
        "deckungsumfang*, deckungszusage*, deckungsschutz*, deckungsablehnung*,"
        "leistungsfall*, leistungsantrag*, underwriting*, regulierungsbetrag*, policen",
    ),
    "housing": lexicon(
        "housing",
        "tenant*, tenanc*, rental application*, rental applicant*, landlord*,"
        "lease application*, eviction*, housing, flat application*, apartment application*,"
        "rent increase*, rent rise*",
        "mieter*, mietvertrag*, mietverträg*, wohnung*, *wohnung, räumung*, mietinteress*,"
        "mieterhöhung*",
    ),
    "education": lexicon(
        "education",
        "student*, pupil*, exam, exams, examination result*, school*, universit*, scholarship*,"
        "enrol*, enrollment*,"
        "admission to, admissions, admissions office*, thesis, theses, coursework, grading of,"
        "academic*, degree programme*, degree program*, degree course*, academic degree*,"
        "diploma*, master's programme*, bachelor*, enrolment*",
        "schüler*, student*, studier*, *prüfungsleistung*, klausur*, schule, schulen, schulisch*,"
        "schulamt*, schulleit*, schuljahr*, schulabschluss*, schulnote*, schulplatz*, *schule,"
        "hochschul*, universität*, stipendi*, zulassung zum studium, studienplatz*, abitur*,"
        "zeugnis*, benotung*",
    ),
    "justice": lexicon(
        "justice",
        "criminal*, parole*, bail, sentencing, sentenced, prison sentence*, police officer*,"
        "police report*, police record*, police check*, police station*, policing,"
        "offender*, recidiv*, court, courts, court case*, court order*, court hearing*,"
        "prosecut*, probation*, inmate*, prison*",
        "straf*, bewährung*, polizei*, gerichtsverfahren*, gerichtlich*, amtsgericht*,"
        "landgericht*, gerichtsverhandlung*, gerichtsbeschluss*, gerichtstermin*, täter*,"
        "haft, haftstraf*, haftbefehl*, inhaftier*, untersuchungshaft, justiz*,"
        "staatsanwalt*",
    ),
    "public_benefits": lexicon(
        "public benefits",
        "welfare benefit*, social welfare, welfare claim*, social security, social benefit*,"
        "unemployment, pension*, benefit claim*, benefit application*, child benefit*,"
        "housing benefit*",
        "sozialamt*, sozialleistung*, sozialhilfe*, sozialversicherung*, sozialgeld*,"
        "sozialbetrug*, sozialbehörde*, sozialgericht*, bürgergeld*, arbeitslos*, rente,"
        "renten, rentenantrag*, rentenversicherung*, *rente, kindergeld*, wohngeld*,"
        "grundsicherung*, jobcenter*, leistungsbezug*, förderantrag*,"
        "leistungsmissbrauch*, leistungsempfänger*",
    ),
    "migration": lexicon(
        "migration",
        "visa application*, visa applicant*, visa request*, visa decision*, visa renewal*, visas,"
        "asylum, immigra*, residence permit*, work permit*, naturali*, refugee*,"
        "deportation*",
        "visum, visumantrag*, visa-antrag*, asyl*, *asyl*, aufenthaltstitel*,"
        "aufenthaltserlaubnis*, aufenthaltsgenehmigung*, aufenthaltsrecht*, aufenthaltsstatus*,"
        "einbürger*, flüchtling*, abschiebung*,"
        "ausländerbehörde*",
    ),
}

#: Decisions that accuse or refuse a person are high stakes in any domain: a suspicion of
#: fraud falls on whoever handed the case in (a customer's return, a cardholder's
#: payment), and refusing what a person asked for (a return, a refund, an application, an
#: account) takes it from them. Both flags come after the domains of :data:`HIGH_STAKES`.
ACCUSATION = lexicon(
    "accusation",
    "fraud, frauds, fraudul*, fraudster*, money launder*, laundering, identity theft,"
    "serial returner*, return abuse, refund abuse, chargeback abuse, benefit abuse",
    "betrug*, *betrug, *betrugs*, betrüg*, geldwäsche*, identitätsdiebstahl*,"
    "leistungsmissbrauch*, *missbrauch, missbrauchsverdacht*",
)
REFUSING = lexicon(
    "refusing",
    "reject, rejects, rejected, rejecting, rejection, deny, denies, denied, denying, denial,"
    "decline, declines, declined, declining, refuse, refuses, refused, refusing, refusal,"
    "turn down, turn* * down, turned down, block, blocks, blocked, blocking, suspend*,"
    "freeze, freezes, frozen, ban, bans, banned, banning, blacklist*, withhold*, withheld",
    "ablehn*, abgelehnt, lehnt * ab, verweiger*, zurückgewiesen, zurückweis*, weist * zurück,"
    "abgewiesen, abweis*, versag*, nicht genehmigt, nicht bewilligt, sperr*, *sperre,"
    "gesperrt, blockier*, einbehalt*, einbehalten",
)
#: What a person asked for or holds, which a refusal takes from them. A bare "claim" is
#: not here: an expense claim is checked against a travel policy every day; insurance and
#: compensation claims are (see :data:`CLAIM` and ``insurance``).
REFUSED = lexicon(
    "what a person asked for",
    "return, returns, refund, refunds, application, applications, applicant*, account,"
    "accounts, customer, customers, member, members, membership*, user, users, cardholder*,"
    "card, cards, compensation, compensation claim*, warranty claim*, guarantee claim*,"
    "benefit, benefits, subscriber*, passenger*, tenant*, patient*, payout*",
    "rücksendung*, retoure*, *retoure, *retouren, erstattung*, *erstattung, antrag, anträge,"
    "*antrag, *anträge, antragsteller*, konto, konten, *konto, kunde, kunden, *kunde, *kunden,"
    "kundin*, mitglied*, mitgliedschaft*, nutzer*, karte, karten, *karte, entschädigung*,"
    "gewährleistung*, garantieanspruch*, reklamation*, leistung, leistungen, auszahlung*,"
    "fahrgast*, fahrgäste*, mieter*",
)
#: The flags of :data:`ACCUSATION` and :data:`REFUSED`, in the order they are listed.
PERSONAL_FLAGS = ("accusation", "refusal")

#: Words whose domain depends on the board's language: a German "Police" is an insurance
#: policy, an English "police" the police.
HIGH_STAKES_BY_LANG: dict[str, dict[str, Lexicon]] = {
    "en": {"justice": lexicon("justice (English)", "police")},
    "de": {"insurance": lexicon("insurance (German)", "police, versicherungspolice*")},
}

#: A claim is an insurance claim only on a board about insurance (its title, domain or
#: description says so); elsewhere it is a travel expense claim, a warranty claim…
CLAIM = lexicon("claims", "claim, claims, claims handler*, claims team*, claims department*")

# Prepositions after which a command names its inputs, not its object.
INPUT_MARKERS = re.compile(
    r"\s(?:from|based on|using|given|with the help of|according to|by means of|anhand|"
    r"auf basis|auf grundlage|aufgrund|mithilfe|mit hilfe|basierend auf)\s",
    re.IGNORECASE,
)

STOPWORDS = frozenset(
    "a an the of to for and or in on at by with as is are be been was were it its this that "
    "from into onto than then per each every all any no not x "
    "der die das den dem des ein eine einer einem einen eines und oder im in am an auf aus "
    "bei mit von vom zu zum zur als ist sind wird werden wurde nicht kein keine je".split()
)


# --------------------------------------------------------------------------- real boards
# Verdicts: the words of a decision's alternative outcomes. A step followed by a positive
# and a negative verdict ("Claim approved" / "Claim rejected", "AcceptClaim" / "RejectClaim")
# is a decision with classes, whoever takes it (a person, a saga, an outside system).
VERDICT_POSITIVE = lexicon(
    "positive verdicts",
    "approve, approves, approved, approving, approval, accept, accepts, accepted, accepting,"
    "grant, grants, granted, granting, admit, admits, admitted, qualif*, eligible, cleared,"
    "confirmed as genuine, greenlit, green-lit, sanctioned, upheld",
    "genehmig*, annehm*, angenommen, nimmt * an, bewillig*, zulass*, zugelassen, lässt * zu,"
    "freigeb*, freigegeben, gibt * frei, zustimm*, zugestimmt, anerkenn*, anerkannt,"
    "stattgegeben, bejaht",
)
VERDICT_NEGATIVE = lexicon(
    "negative verdicts",
    "reject, rejects, rejected, rejecting, rejection, deny, denies, denied, denying, denial,"
    "decline, declines, declined, declining, refuse, refuses, refused, refusing, refusal,"
    "disapprov*, disqualif*, ineligible, turn down, turn* * down, turned down, dismiss, dismissed,"
    "repudiat*, overruled",
    "ablehn*, abgelehnt, lehnt * ab, verweiger*, zurückgewiesen, zurückweis*, weist * zurück,"
    "abgewiesen, abweis*, versag*, verworfen, verwerf*, nicht genehmigt, nicht bewilligt",
)
# A third class beside yes and no ("ApplicationPending").
VERDICT_PENDING = lexicon(
    "pending verdicts",
    "pend, pends, pending, pended, on hold, deferred, referred, escalated, postponed",
    "zurückgestellt, ausgesetzt, vertagt, in prüfung, wiedervorlage",
)

# Steps that manage users and access: administration, never a prediction ("Assign Role",
# "Grant Permission", "Lock Account", "Passwort selbst setzen").
ADMINISTRATION = lexicon(
    "user and access administration",
    "role, roles, permission*, access right*, access, password*, login*, log in, logon, logout,"
    "log out, login session*, user session*, cache, caches, token*, credential*, account lock*,"
    "lock account, user account*, api key*, single sign-on, sso, opening hours, business hours,"
    "office hours, four-eyes, four eyes, second signature",
    "rolle, rollen, berechtigung*, zugriff*, zugriffsrecht*, passwort*, kennwort*, anmeldung*,"
    "abmeldung*, benutzerkonto*, konto sperren, einmalpasswort*, öffnungszeit*,"
    "geschäftszeit*, vier-augen*, vieraugen*, zweite unterschrift",
)

# What a person accepts or declines for themselves: their answer, not a judgment about a
# case ("Accept Assignment", "Reject invitation", "Einladung annehmen").
OWN_RESPONSE = lexicon(
    "answers to one's own work",
    "assignment, assignments, invitation*, invite, invites, shift offer*, task, tasks, job offer*,"
    "meeting request*, friend request*, terms, terms and conditions, cookies",
    "einladung*, zuweisung*, aufgabe, aufgaben, dienstangebot*, agb, nutzungsbedingungen",
)

# A policy that states a formula or a fixed rule: rule automation, not a judgment
# ("80% of appraised", "Saldo = 0", "Preisänderungen wirken nur auf zukünftige Bestellungen").
_NUMBER = r"\d+(?:[.,]\d+)?"
FIXED_RULE = Lexicon("fixed rules", [
    rf"re:{_NUMBER}\s*(?:%|percent|per cent|prozent)", "re:[=<>≤≥]",
    *[e.strip() for e in (
        "only, must, always, never, immutable, at most, at least, no more than, maximum,"
        "minimum, exactly, per policy, based on policy, by law, mandatory, deadline*,"
        "time limit*, overdue, smallest, largest, oldest, newest, first free, next free,"
        "nur, muss, müssen, immer, nie, niemals, unveränderlich*, höchstens, mindestens,"
        "maximal, genau, pflicht*, vorgeschrieben, frist*, überfällig*, kleinste*, größte*,"
        "älteste*, nächste freie").split(",")],
])
# A formula: the step computes a value the rule fixes ("80% of appraised").
FORMULA = Lexicon("formulas", [
    rf"re:{_NUMBER}\s*(?:%|percent|per cent|prozent)", r"re:[=×*/+−]\s*\d",
    rf"re:{_NUMBER}\s*(?:times|mal)",
])

# Documents and images: what a model can read ("Image of receipt", "Scanned invoice").
DOCUMENTS = lexicon(
    "documents",
    "document*, image*, photo*, picture*, scan, scans, scanned, pdf*, receipt*, invoice*,"
    "letter*, form, forms, e-mail*, email*, attachment*, contract*, certificate*, deed*,"
    "statement*, bill, bills, handwrit*, fax*, cv, cvs, resume*, résumé*, paperwork,"
    "voucher image*, screenshot*, audio, recording*, voice note*, transcript*,"
    "damage report*, incident report*, police report*, medical report*, accident report*,"
    "report form*, claim form*",
    "dokument*, *dokument, *dokumente, bild, bilder, *bild, foto*, *foto, *fotos, scan*, pdf*,"
    "eingescannt*, gescannt*, krankmeldung*, *nachweis, *nachweise, nachweis*, unterlagen,"
    "*unterlagen, *schein, *scheine, *meldung, *meldungen, *bericht, berichte, bericht,"
    "beleg*, *beleg, *belege, rechnung*, *rechnung, brief*, *brief, schreiben, formular*,"
    "*formular, anhang, anhänge, vertrag, verträge, *vertrag, urkunde*, *urkunde, bescheid*,"
    "*bescheid, quittung*, kassenbon*, lieferschein*, attest*, gutachten*, zeugnis*, *zeugnis,"
    "lebenslauf*, handschrift*, aufnahme*, sprachnachricht*",
)
# Of those, the ones that are not text yet: an extraction needs a model to read them.
UNSTRUCTURED = lexicon(
    "unstructured documents",
    "image*, photo*, picture*, scan, scans, scanned, pdf*, handwrit*, fax*, screenshot*, audio,"
    "recording*, voice note*, paper, paperwork",
    "bild, bilder, *bild, foto*, *foto, *fotos, scan*, eingescannt*, pdf*, handschrift*,"
    "*handschriftlich*, fax*, papier*, aufnahme*, sprachnachricht*",
)

# Verbs that only look at information: a step that shows recommendations hands its judgment
# to the decision it prepares ("View Assignment Recommendations" before "Assign Appraiser").
VIEWING = lexicon(
    "viewing verbs",
    "view, views, viewed, viewing, see, sees, show, shows, shown, display*, browse*, look at,"
    "looks at, consult*, review * details, review details, read * details, look up",
    "ansehen, ansicht, anzeigen, angezeigt, einsehen, abrufen, aufrufen, öffnen, durchsuchen",
)

# A customer picking from a catalogue: a recommendation is a ranking of the catalogue.
CHOOSING = lexicon(
    "choosing verbs",
    "add, adds, added, adding, choose*, chose, select*, pick, picks, picked, find, finds,"
    "search*, look for, browse*, buy, buys, order, orders, book, books, put * in, put * into",
    "hinzufüg*, füge * hinzu, auswähl*, wähl*, aussuch*, such*, find*, bestell*, buch*,"
    "kauf*, leg* * in",
)
# Information that lists what there is to choose from.
CATALOGUE = lexicon(
    "catalogues",
    "available, catalog*, catalogue*, list of, lists of, range, offer*, assortment, menu,"
    "options, choices, suggestions, inventory",
    "verfügbar*, katalog*, liste der, liste von, sortiment*, angebot*, auswahl*, speisekarte*,"
    "optionen, vorschläge",
)
# Information about what this person did before: the signal a recommender learns from.
HISTORY = lexicon(
    "histories",
    "already, previous*, past, history, histories, used before, bought before, recent*,"
    "frequent*, usual*, favourite*, favorite*, last time, last shopping, last order*,"
    "old * lists, old lists, often",
    "bisherig*, früher*, zuletzt, vorherig*, historie, verlauf, *verlauf, häufig*, übliche*,"
    "lieblings*, schon einmal, bereits",
)
# Verbs that make a new thing: what a person creates themselves is not recommended to them.
CREATING = lexicon(
    "creating verbs",
    "create*, creat*, new, make, makes, made, register*, set up, define*, write*, compose*",
    "erstell*, anleg*, neu*, registrier*, schreib*, verfass*",
)

# Verbs of typing data in: an extraction only where a document is there to be read;
# otherwise data entry ("Zahlbetrag eingeben" is typed in, not predicted).
ENTERING = lexicon(
    "entering verbs",
    "enter, enters, entering, entered, re-enter*, key in, key* * in, keys in, keyed in, type in,"
    "type* * in, typing, input, inputs, record, records, recorded, recording",
    "eingeb*, eingegeben, gibt * ein, eintipp*, eingetippt, tippt * ein, erfass*, erfasst,"
    "eintrag*, eingetragen, trägt * ein",
)

# Assigning work to a person: matching people to cases is a ranking of the candidates
# ("Assign Appraiser", "Gutachter zuweisen").
ASSIGNING = lexicon(
    "assigning verbs",
    "assign, assigns, assigned, assigning, allocate, allocates, allocated, allocating,"
    "appoint*, nominate*, pick, choose, select",
    "zuweis*, zugewiesen, zuteil*, zugeteilt, beauftrag*, auswähl*, bestimm*",
)

# On a board about insurance, a decision on an application or a proposal is underwriting.
APPLICATION = lexicon(
    "applications",
    "application, applications, applicant*, proposal*, underwriting",
    "antrag, anträge, antrags*, *antrag, antragsteller*",
)

# Outcomes that say whether something is valid: a check against rules, not a judgment
# ("Ticket valid" / "Ticket invalid", "DriverLicenseVerified").
VALIDITY = lexicon(
    "validity outcomes",
    "valid, invalid, verified, unverified, not verified, validated, expired",
    "gültig, ungültig, verifiziert, nicht verifiziert, validiert, abgelaufen",
)

# Turning paper into data: a document scanned is a document whose content is needed next.
SCANNING = lexicon(
    "scanning verbs",
    "scan, scans, scanned, scanning, digiti*, digitis*",
    "scannen, scannt, gescannt, einscann*, eingescannt, digitalisier*",
)

# A note that states how a step is decided: a rule, so the step needs no prediction
# ("Rejected when origin equals destination", "Deckung besteht, wenn der Vertrag aktiv ist",
# "Account managers are assigned round-robin").
RULE_STATEMENT = lexicon(
    "rule statements",
    "when, whenever, if, unless, only, only if, round-robin, round robin, first come,"
    "first-come, in order of, always, never, must, exactly, defined as, means that",
    "wenn, falls, sofern, sobald, nur, nur wenn, reihum, der reihe nach, immer, nie,"
    "muss, müssen, genau dann, besteht, bedeutet",
)
# ... unless it is a heuristic with weights or gut feeling: the thing a model would replace
# ("Assignment criteria: Location Proximity (40%), Current Workload (30%)").
HEURISTIC = Lexicon("heuristics", [
    rf"re:{_NUMBER}\s*%", *[e.strip() for e in (
        "score, scores, scoring, weight, weights, weighted, criteria, criterion, rule of thumb,"
        "experience, gut feeling, usually, depends, roughly, judgement, judgment, estimate*,"
        "gewicht*, kriterien, faustregel*, erfahrung*, bauchgefühl*, meistens, ungefähr,"
        "schätz*, je nach").split(",")],
])

# Words that say a text was written by hand or is hard to read: a document is at hand.
LEGIBILITY = lexicon(
    "legibility",
    "unreadable, illegible, handwritten, hand-written, blurry, smudged, faded",
    "unleserlich*, handschriftlich*, handgeschrieben*, verschmiert*, unscharf*",
)

# How data comes in without a document: spoken or seen on site ("telefonisch erfassen").
NO_DOCUMENT = lexicon(
    "data without a document",
    "by phone, over the phone, on the phone, telephon*, verbal*, orally, in person, on site,"
    "on-site",
    "telefonisch*, am telefon, mündlich*, persönlich, vor ort",
)

# A policy named as a rule ("FraudReasonPolicy", "Overdue checkouts rejection policy"): its
# words name what the rule is about, not a condition that needs a judgment.
NAMED_RULE = Lexicon("named rules", [
    r"re:(?:policy|policies|rule|rules|regel|regeln|richtlinie|vorschrift|step|saga|"
    r"handler|process manager)\W*$"])
