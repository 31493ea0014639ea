"""Copy workshops between stores (a folder and a database), documents with their kept
history, for ``mlcanvas workspace migrate``."""

from __future__ import annotations

from dataclasses import dataclass

from canvas.workspace.store import StoreError, WorkspaceStore


@dataclass(frozen=True)
class MigrationReport:
    """What a copy did: the workshops copied, and those left alone because the target
    already has a workshop of that id (never overwritten)."""

    copied: tuple[str, ...]
    skipped: tuple[str, ...]
    revisions: int


def migrate(source: WorkspaceStore, target: WorkspaceStore) -> MigrationReport:
    """Copy every workshop of ``source`` into ``target`` under the same id, with each
    document's current revision and kept history (deleted workshops stay behind). Each
    workshop is copied whole or not at all; one the target already has is skipped, so a
    second run copies only what is new.

    Raises:
        StoreError: a store cannot be read or written (the message says which and why).
    """
    if source.location == target.location:
        raise StoreError(f"{source.describe()} is both the source and the target")
    present = set(target.workshop_ids())
    copied, skipped, revisions = [], [], 0
    for workshop in source.workshop_ids():
        if workshop in present:
            skipped.append(workshop)
            continue
        dump = source.dump_workshop(workshop)
        try:
            target.load_workshop(dump)
        except StoreError:
            if target.exists(workshop):  # made there meanwhile: left alone as well
                skipped.append(workshop)
                continue
            raise
        copied.append(workshop)
        revisions += sum(len(doc.history) or 1 for doc in dump.documents.values())
    return MigrationReport(tuple(copied), tuple(skipped), revisions)
