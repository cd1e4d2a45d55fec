"""One way for these tests to run a workbench operation through the window's Session, whichever API it has:
`session.run(Workbench.op, ...)` where the Session offers `run`, else the Session's own method of that name."""

from __future__ import annotations

from typing import Any

from desktop.qt.session import Session


def session_op(session: Session, name: str, *args: Any) -> Any:
    run = getattr(session, "run", None)
    if callable(run):
        from desktop.workbench.workbench import Workbench

        return run(getattr(Workbench, name), *args)
    return getattr(session, name)(*args)
