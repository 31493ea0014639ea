"""Live capture by many people: every change to a board is an operation on the latest board.

A whole-board save (:func:`canvas.services.board.commit`) is refused when anyone saved in
between; that is right for the text and table modes, which replace the whole board, but
with ten people adding stickies at once nearly every save would be refused. Here each
action of a person is an operation (:class:`AddLine`, :class:`EditSticky`,
:class:`DeleteSticky`, …) that :func:`apply_change` applies to the board *as saved now*
and saves with that board's revision; when someone saved in the meantime
(:class:`~canvas.workspace.store.ConflictError`) it reads the board again and applies the
operation again, a bounded number of times. So:

- additions always land, and two people adding at once never share an id: ids are given
  when the operation is applied to the latest board (the same kind and text is the same
  sticky, as everywhere);
- edits of different stickies, and of different fields of one sticky, merge; when two
  people change the same field the later one wins and :attr:`Applied.notices` says what
  the other person had changed ("Ana changed 'Order placed' to 'Order submitted' just
  before you; your text replaced it");
- an edit of a sticky someone deleted is refused with a message (:class:`LiveError`),
  never dropped silently;
- every applied operation returns its inverse, so each person can undo *their own* last
  change on top of whatever the others did since.

Who added and last changed each sticky is kept in the workshop's ``contributions``
document (not in the board, so exports and detection never see it), and whether the board
takes additions in its ``capture`` document (:func:`set_capture_open`). Only the public
API of :class:`~canvas.workspace.store.Workspace` is used, so this works on every store
backend.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from canvas.workspace.store import ConflictError, Versioned, Workspace
from eventstorming.edit import KEEP, capture_line, parse_kind, update_sticky
from eventstorming.model import AttrValue, Board, Link, Sticky

CONTRIBUTIONS_DOC = "contributions"
CAPTURE_DOC = "capture"
#: How often an operation is applied again when others saved in between.
MAX_ATTEMPTS = 60


class LiveError(ValueError):
    """A change that cannot be made; the message says what, for the person who tried."""


class CaptureClosed(LiveError):
    """The board is closed for additions."""


# --------------------------------------------------------------------------- documents

@dataclass(frozen=True)
class Contribution:
    """Who added a sticky and who changed it last (names as typed in "Your name")."""

    added_by: str | None = None
    added_at: str | None = None
    changed_by: str | None = None
    changed_at: str | None = None


def load_contributions(workspace: Workspace, workshop: str) -> dict[str, Contribution]:
    """Contributions by sticky id; entries that do not read as one are left out."""
    data = workspace.read(workshop, CONTRIBUTIONS_DOC).data
    result: dict[str, Contribution] = {}
    if not isinstance(data, Mapping):
        return result
    for key, value in data.items():
        if isinstance(value, Mapping):
            result[str(key)] = Contribution(*(_text(value.get(f)) for f in (
                "added_by", "added_at", "changed_by", "changed_at")))
    return result


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def contribution_counts(contributions: Mapping[str, Contribution],
                        on_board: set[str] | None = None) -> dict[str, int]:
    """Stickies added per person (of those still on the board), most first."""
    counts: dict[str, int] = {}
    for sticky_id, entry in contributions.items():
        if entry.added_by and (on_board is None or sticky_id in on_board):
            counts[entry.added_by] = counts.get(entry.added_by, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())))


def _record(workspace: Workspace, workshop: str, added: tuple[str, ...],
            changed: tuple[str, ...], author: str) -> None:
    """Note ``author`` as who added ``added`` (only where nobody is noted yet: the first
    one to write a sticky added it) and who changed ``changed`` last."""
    if not added and not changed:
        return
    now = _now()
    for _attempt in range(MAX_ATTEMPTS):
        doc = workspace.read(workshop, CONTRIBUTIONS_DOC)
        data = dict(doc.data) if isinstance(doc.data, Mapping) else {}
        for sticky_id in added:
            entry = dict(data.get(sticky_id) or {})
            if not entry.get("added_by"):
                entry.update(added_by=author, added_at=now)
                data[sticky_id] = entry
        for sticky_id in changed:
            entry = dict(data.get(sticky_id) or {})
            entry.update(changed_by=author, changed_at=now)
            data[sticky_id] = entry
        try:
            workspace.write(workshop, CONTRIBUTIONS_DOC, data, doc.revision, author=author)
            return
        except ConflictError:
            _pause()
    # The board change is saved; only the credit could not be written. Not worth failing
    # the person's change for: the sticky shows no author.


@dataclass(frozen=True)
class CaptureState:
    """Whether the board takes additions, and who closed or opened it when."""

    open: bool = True
    by: str | None = None
    at: str | None = None
    revision: int = 0


def capture_state(workspace: Workspace, workshop: str) -> CaptureState:
    doc = workspace.read(workshop, CAPTURE_DOC)
    data = doc.data if isinstance(doc.data, Mapping) else {}
    return CaptureState(data.get("open") is not False, _text(data.get("by")),
                        _text(data.get("at")), doc.revision)


def set_capture_open(workspace: Workspace, workshop: str, open_: bool,
                     author: str) -> CaptureState:
    """Close the board for additions (``open_=False``) or open it again. Idempotent: the
    last one to press wins, there is nothing to conflict about."""
    for _attempt in range(MAX_ATTEMPTS):
        current = capture_state(workspace, workshop)
        if current.open == open_:
            return current
        data = {"open": open_, "by": author, "at": _now()}
        try:
            revision = workspace.write(workshop, CAPTURE_DOC, data, current.revision,
                                       author=author)
            return CaptureState(open_, author, data["at"], revision)
        except ConflictError:
            _pause()
    raise LiveError("the board is very busy; press the button again")


# --------------------------------------------------------------------------- operations

@dataclass(frozen=True)
class Outcome:
    """What one operation did to one board (before it is saved)."""

    board: Board
    summary: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    inverse: Operation | None = None
    lane: str | None = None


class Operation(Protocol):
    """One person's change, applied to whatever board is saved now."""

    #: True for operations that add stickies (refused while the board is closed).
    adds: bool

    def apply(self, board: Board, who: Mapping[str, Contribution], author: str) -> Outcome:
        """The board with the change; raises :class:`LiveError` (or ``ValueError``) when
        it cannot be made."""


def _quote(text: str, width: int = 60) -> str:
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


def _someone(who: Mapping[str, Contribution], sticky_id: str, author: str) -> str:
    entry = who.get(sticky_id)
    name = entry.changed_by if entry else None
    return name if name and name != author else "someone else"


@dataclass(frozen=True)
class AddLine:
    """One Quick capture line (a sticky, a chain or ``## Lane``) added to ``lane``."""

    line: str
    lane: str | None = None
    adds: bool = field(default=True, init=False)

    def apply(self, board: Board, who: Mapping[str, Contribution], author: str) -> Outcome:
        result = capture_line(board, self.line, self.lane)
        if result.board is board or result.board == board:
            if result.lane:
                return Outcome(board, f"Lane “{result.lane}” — new stickies go there.",
                               lane=result.lane)
            return Outcome(board, "Already on the board.")
        new = result.board.by_id()
        before_links = {(link.source, link.target) for link in board.links}
        new_links = tuple((link.source, link.target) for link in result.board.links
                          if (link.source, link.target) not in before_links)
        if result.added:
            summary = "Added " + ", ".join(
                f"{new[i].kind.value} {_quote(new[i].text)}" for i in result.added) + "."
        elif result.lane:
            summary = f"Lane “{result.lane}” — new stickies go there."
        else:
            summary = "Already on the board; links and attributes merged."
        inverse = RemoveAdded(tuple(new[i] for i in result.added), new_links) \
            if result.added or new_links else None
        return Outcome(result.board, summary, result.added, (), (), inverse, result.lane)


@dataclass(frozen=True)
class RemoveAdded:
    """Undo of an addition: the stickies and links it added go again (where still there)."""

    stickies: tuple[Sticky, ...]
    links: tuple[tuple[str, str], ...] = ()
    adds: bool = field(default=False, init=False)

    def apply(self, board: Board, who: Mapping[str, Contribution], author: str) -> Outcome:
        ids = {s.id for s in self.stickies}
        present = board.by_id()
        notices = []
        for sticky in self.stickies:
            now = present.get(sticky.id)
            if now is not None and (now.text, now.kind) != (sticky.text, sticky.kind):
                notices.append(f"{_someone(who, sticky.id, author)} had changed "
                               f"{_quote(sticky.text)} to {_quote(now.text)}; it was "
                               f"removed anyway.")
        links = set(self.links)
        new_board = board.model_copy(update={
            "stickies": tuple(s for s in board.stickies if s.id not in ids),
            "links": tuple(link for link in board.links
                           if link.source not in ids and link.target not in ids
                           and (link.source, link.target) not in links)})
        gone = [present[i] for i in ids if i in present]
        inverse = RestoreStickies(tuple(gone), tuple(
            link for link in board.links if (link.source in ids or link.target in ids
                                             or (link.source, link.target) in links)))
        names = ", ".join(_quote(s.text) for s in gone) or "the links"
        return Outcome(new_board, f"Undone: removed {names}.", (), (), tuple(notices), inverse)


@dataclass(frozen=True)
class RestoreStickies:
    """Stickies (with their ids) and links put back: the undo of a delete."""

    stickies: tuple[Sticky, ...]
    links: tuple[Link, ...] = ()
    adds: bool = field(default=False, init=False)

    def apply(self, board: Board, who: Mapping[str, Contribution], author: str) -> Outcome:
        present = board.by_id()
        lanes = list(board.lanes)
        back: list[Sticky] = []
        notices = []
        next_order = max((s.order for s in board.stickies), default=-1) + 1
        for sticky in self.stickies:
            twin = board.find(sticky.kind, sticky.text)
            if sticky.id in present or twin is not None:
                notices.append(f"{_quote(sticky.text)} is on the board again already.")
                continue
            if sticky.lane and sticky.lane not in lanes:
                lanes.append(sticky.lane)
            back.append(sticky.model_copy(update={"order": min(sticky.order, next_order)}))
        ids = set(present) | {s.id for s in back}
        have = {(link.source, link.target) for link in board.links}
        links = [*board.links, *(link for link in self.links
                                 if link.source in ids and link.target in ids
                                 and (link.source, link.target) not in have)]
        stickies = tuple(sorted((*board.stickies, *back), key=lambda s: s.order))
        new_board = board.model_copy(update={"lanes": tuple(lanes), "stickies": stickies,
                                             "links": tuple(links)})
        restored = tuple(s.id for s in back)
        inverse = RemoveAdded(tuple(back), tuple((link.source, link.target)
                                                 for link in links[len(board.links):]))
        names = ", ".join(_quote(s.text) for s in back)
        summary = f"Brought back {names}." if back else "Nothing to bring back."
        return Outcome(new_board, summary, (), restored, tuple(notices), inverse)


@dataclass(frozen=True)
class StickyState:
    """What the sticky panel shows of one sticky: the fields a person can change."""

    text: str
    kind: str
    lane: str | None
    attrs: tuple[tuple[str, AttrValue], ...] = ()
    successors: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()

    @classmethod
    def of(cls, board: Board, sticky_id: str) -> StickyState:
        sticky = board.sticky(sticky_id)
        return cls(sticky.text, sticky.kind.value, sticky.lane, tuple(sticky.attrs.items()),
                   tuple(link.target for link in board.links if link.source == sticky_id),
                   tuple(link.source for link in board.links if link.target == sticky_id))

    @classmethod
    def make(cls, text: str, kind: str, lane: str | None, attrs: Mapping[str, AttrValue],
             successors: tuple[str, ...] | list[str] = (),
             predecessors: tuple[str, ...] | list[str] = ()) -> StickyState:
        return cls(" ".join(text.split()), parse_kind(kind).value, lane,
                   tuple(dict(attrs).items()), tuple(successors), tuple(predecessors))


_FIELD_WORDS = {"text": "text", "kind": "kind", "lane": "lane", "attrs": "attributes"}


def _show(name: str, value: Any) -> str:
    if name == "attrs":
        return _quote(", ".join(f"{k}: {v}" for k, v in value) or "none")
    if name == "lane":
        return _quote(value or "no lane")
    return _quote(str(value))


@dataclass(frozen=True)
class EditSticky:
    """A person's edit of one sticky: ``before`` is what their panel showed, ``after`` what
    they saved. Only the fields they changed are applied; links are added and removed as
    they changed them, so edits of other fields and links by others stay."""

    sticky_id: str
    before: StickyState
    after: StickyState
    adds: bool = field(default=False, init=False)

    def apply(self, board: Board, who: Mapping[str, Contribution], author: str) -> Outcome:
        try:
            latest = StickyState.of(board, self.sticky_id)
        except KeyError:
            raise LiveError(f"{_quote(self.before.text)} was deleted by "
                            f"{_someone(who, self.sticky_id, author)} just before you; your "
                            f"edit was not saved (Quick capture adds it again).") from None
        notices = []
        update: dict[str, Any] = {}
        for name in ("text", "kind", "lane", "attrs"):
            mine, theirs = getattr(self.after, name), getattr(latest, name)
            if mine == getattr(self.before, name):
                continue           # not changed by this person: whatever is there stays
            if theirs != getattr(self.before, name) and theirs != mine:
                notices.append(
                    f"{_someone(who, self.sticky_id, author)} changed the "
                    f"{_FIELD_WORDS[name]} from {_show(name, getattr(self.before, name))} "
                    f"to {_show(name, theirs)} just before you; your "
                    f"{_FIELD_WORDS[name]} {_show(name, mine)} replaced it.")
            update[name] = mine
        new_board = update_sticky(board, self.sticky_id, text=update.get("text"),
                                  kind=update.get("kind"),
                                  lane=update["lane"] if "lane" in update else KEEP,
                                  attrs=dict(update["attrs"]) if "attrs" in update else None)
        ids = new_board.by_id()
        wanted_out = set(self.after.successors) - set(self.before.successors)
        wanted_in = set(self.after.predecessors) - set(self.before.predecessors)
        dropped = ({(self.sticky_id, t) for t in set(self.before.successors)
                    - set(self.after.successors)}
                   | {(s, self.sticky_id) for s in set(self.before.predecessors)
                      - set(self.after.predecessors)})
        links = [link for link in new_board.links if (link.source, link.target) not in dropped]
        have = {(link.source, link.target) for link in links}
        for source, target in ([(self.sticky_id, t) for t in self.after.successors
                                if t in wanted_out]
                               + [(s, self.sticky_id) for s in self.after.predecessors
                                  if s in wanted_in]):
            other = target if source == self.sticky_id else source
            if other not in ids:
                notices.append(f"a sticky you linked to was deleted by someone else just "
                               f"before you; that arrow was not drawn ({other}).")
            elif (source, target) not in have:
                links.append(Link(source=source, target=target))
                have.add((source, target))
        new_board = new_board.model_copy(update={"links": tuple(links)})
        if new_board == board:
            return Outcome(board, "Nothing changed.", notices=tuple(notices))
        applied = StickyState.of(new_board, self.sticky_id)
        inverse = EditSticky(self.sticky_id, before=applied, after=_revert(
            self.before, self.after, applied))
        return Outcome(new_board, f"Saved {_quote(applied.text)}.", (), (self.sticky_id,),
                       tuple(notices), inverse)


def _revert(before: StickyState, after: StickyState, applied: StickyState) -> StickyState:
    """The state that undoes a person's edit: their changed fields back to ``before``, the
    rest as applied; links they added removed, links they removed drawn again."""
    values = {name: getattr(before, name) if getattr(after, name) != getattr(before, name)
              else getattr(applied, name) for name in ("text", "kind", "lane", "attrs")}
    successors = [t for t in applied.successors
                  if not (t in after.successors and t not in before.successors)]
    successors += [t for t in before.successors
                   if t not in after.successors and t not in successors]
    predecessors = [s for s in applied.predecessors
                    if not (s in after.predecessors and s not in before.predecessors)]
    predecessors += [s for s in before.predecessors
                     if s not in after.predecessors and s not in predecessors]
    return StickyState(values["text"], values["kind"], values["lane"], values["attrs"],
                       tuple(successors), tuple(predecessors))


@dataclass(frozen=True)
class DeleteSticky:
    """Delete one sticky and its links; ``before`` is the sticky as the person saw it."""

    sticky_id: str
    before: Sticky
    adds: bool = field(default=False, init=False)

    def apply(self, board: Board, who: Mapping[str, Contribution], author: str) -> Outcome:
        present = board.by_id().get(self.sticky_id)
        if present is None:
            return Outcome(board, f"{_quote(self.before.text)} was already deleted by "
                                  f"{_someone(who, self.sticky_id, author)}.")
        notices = []
        if (present.text, present.kind) != (self.before.text, self.before.kind):
            notices.append(f"{_someone(who, self.sticky_id, author)} had changed "
                           f"{_quote(self.before.text)} to {_quote(present.text)} just "
                           f"before you; it was deleted anyway (Undo brings it back).")
        links = tuple(link for link in board.links
                      if self.sticky_id in (link.source, link.target))
        new_board = board.model_copy(update={
            "stickies": tuple(s for s in board.stickies if s.id != self.sticky_id),
            "links": tuple(link for link in board.links if link not in links)})
        return Outcome(new_board, f"Deleted {_quote(present.text)} (Undo brings it back).",
                       (), (), tuple(notices), RestoreStickies((present,), links))


# --------------------------------------------------------------------------- applying

@dataclass(frozen=True)
class Applied:
    """An operation saved: the board as saved (with its revision), what was done, what the
    person should know about others' changes, and how to undo it (None: nothing to undo)."""

    board: Versioned
    summary: str
    added: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    inverse: Operation | None = None
    attempts: int = 1
    lane: str | None = None


def apply_change(workspace: Workspace, workshop: str, operation: Operation, author: str,
                 max_attempts: int = MAX_ATTEMPTS, known: Versioned | None = None) -> Applied:
    """Apply ``operation`` to the latest saved board and save it; when someone saved in the
    meantime, read the board again and apply it again (at most ``max_attempts`` times).

    ``known`` is a board the caller already holds with the revision it was read at (the app
    keeps the saved board parsed once per revision): while that is still the saved revision
    it is used as it is, so a 10,000-sticky board is not parsed again for every line. The
    save still expects that revision, so a board saved by someone else in between is
    refused by the store and read again, as without ``known``.

    Raises:
        CaptureClosed: the operation adds stickies and the board is closed for additions
            (checked before every attempt, so an addition is either saved or refused).
        LiveError: the change cannot be made (the sticky was deleted, …) or the board was
            saved by others on every attempt; nothing was saved.
        ValueError: the operation is invalid on any board (a line that does not parse).
    """
    author = " ".join(str(author or "").split()) or "someone"
    who: Mapping[str, Contribution] | None = None
    for attempt in range(1, max_attempts + 1):
        if operation.adds:
            state = capture_state(workspace, workshop)
            if not state.open:
                by = f" by {state.by}" if state.by else ""
                raise CaptureClosed(f"The board was closed for additions{by}; your sticky was "
                                    f"not added (it is still in the box).")
        if attempt == 1 and known is not None and \
                workspace.revision(workshop) == known.revision:
            latest = known
        else:
            latest = workspace.load_board(workshop)
        if who is None or attempt > 1:
            who = load_contributions(workspace, workshop) if not operation.adds else {}
        outcome = operation.apply(latest.data, who, author)
        if outcome.board == latest.data:
            return Applied(latest, outcome.summary, (), outcome.notices, None, attempt,
                           outcome.lane)
        try:
            revision = workspace.save_board(workshop, outcome.board, latest.revision,
                                            author=author)
        except ConflictError:
            _pause(attempt)
            continue
        _record(workspace, workshop, outcome.added, outcome.changed, author)
        return Applied(Versioned(outcome.board, revision, _now(), author), outcome.summary,
                       outcome.added, outcome.notices, outcome.inverse, attempt, outcome.lane)
    raise LiveError(f"the board was saved by others {max_attempts} times while yours was "
                    f"being saved; nothing of yours was saved, please try again")


def _pause(attempt: int = 1) -> None:
    """A short random wait, longer after more attempts, so writers that collided do not
    collide again in step."""
    time.sleep(random.uniform(0.002, 0.01 * min(attempt, 10)))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
