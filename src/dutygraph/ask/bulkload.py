"""A corpus into Virtuoso by its bulk loader (ld_add, rdf_loader_run, checkpoint), run through
isql: the fast path for millions of quads, where push's Graph Store Protocol sends one graph per
request.

Pitfalls of Virtuoso 7.2 (Debian's virtuoso-opensource), and how they are met here:
- isql takes a password on its command line (which `ps` shows) or at its prompt, nowhere else:
  it is started on a pseudo-terminal and the password is typed at the prompt. isql first tries
  to log in with Virtuoso's default password (dba), so the server logs one "Incorrect login"
  per load (a success resets its count; four failures in a row lock the client's address out
  for 60 s). A server still on that password lets isql in at once, without a prompt: a login
  too (with a warning to change it), but the password given was then wrong unless it is that
  one, which the first session (the readability check, which changes nothing) says.
- The server reads the files itself: the path must be one the server sees, in a folder that
  DirsAllowed in its virtuoso.ini lists (else FA003 "denied due to access control in ini file").
  That is checked first, in a session of its own, by reading a byte of each file: the graphs
  are cleared only once the server can read them all.
- ld_add ignores a file already in DB.DBA.load_list, loaded or not: its row is deleted first,
  so loading again loads again.
- rdf_loader_run leaves a file it cannot find in state 0, without an error; a parse error stops
  the file at that line and lands in ll_error. Both are checked after the run.
- N-Quads and TriG keep their graph names: the graph given to ld_add only receives triples
  outside any named graph.
- rdf_loader_run writes without a transaction log: the checkpoint after it makes the load last.
- A government's graph (its units and leaders) is shared by all its documents, and a file may
  hold only some of them (this year's): replacing it whole would strip the other years' units
  and leaders of their names. Replacing, the loader clears each document's graph, but in a
  shared graph only what the files say of the subjects they describe, and of those only the
  ones no other document on the server names: a shared subject's description stays as the
  first document gave it, and a file adds only what it lacks (dutygraph.ask.shared, as a
  store does; a document with a unit table of its own does not rename a unit for all).
  A government's graph of
  recurring tasks (…/recurrences) is such a graph too: a file holds the pairs its build found
  among the documents it built, and the pairs of other years stay; but a pair that touches a
  document the files replace goes (its task may be renumbered or gone), and comes back only
  if the files hold it: load a district's years built together.
- isql expands $words as macros: macro substitution is switched off for the script.
- UTF-8 files load as they are: Chinese arrives intact (tests/test_bulkload.py).
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from dutygraph.ask.endpoint import PASSWORD_VARIABLE, EndpointError
from dutygraph.ask.store import syntax_error
from dutygraph.errors import InputError
from dutygraph.rdf.namespaces import DEFAULT_BASE, DG, RDF

LOADABLE_SUFFIXES = (".nq", ".trig")  # the corpus's formats that keep named graphs
DEFAULT_SERVER = "127.0.0.1:1111"  # Virtuoso's SQL port
DEFAULT_GRAPH = f"{DEFAULT_BASE}default/graph"  # for triples a file puts in no named graph
ISQL = "isql-vt"  # Debian's name for Virtuoso's isql
_PROMPT = b"Enter password for"
DEFAULT_PASSWORD = "dba"  # a fresh Virtuoso's, which isql tries before it asks
# isql asks for the password within a second of a reachable server; a server that accepts
# the connection and never answers would keep it waiting for ever. The load itself, once
# logged in, takes as long as it takes (minutes for a province): it has no limit.
LOGIN_TIMEOUT = 60.0
_ERROR = re.compile(r"\*\*\* Error (\S+): (.*)")
_DENIED = "FA003"
_SUBJECTS_PER_DELETE = 200  # one statement's VALUES: a few hundred IRIs keep its line short


class BulkLoadError(EndpointError):
    """Virtuoso did not load a file, or refused a step of the load."""


@dataclass
class BulkLoadResult:
    """What a load did: the files, each graph's quads in the files and in the store
    afterwards, and the seconds the isql session took (clear, register, load, checkpoint).
    shared_subjects: for each graph that is not a document's own (a government's units and
    leaders), the subjects the files describe in it."""

    files: list[Path]
    file_quads: dict[str, int]
    store_quads: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    shared_subjects: dict[str, set[str]] = field(default_factory=dict)
    default_password: bool = False  # the server let isql in with Virtuoso's default password

    @property
    def quads(self) -> int:
        """Quads in the store afterwards, in the graphs the files hold."""
        return sum(self.store_quads.values())


def bulk_load(source: str | Path, user: str, password: str, server: str = DEFAULT_SERVER, *,
              replace: bool = True, isql: str = ISQL,
              default_graph: str = DEFAULT_GRAPH) -> BulkLoadResult:
    """Load SOURCE (a .nq or .trig file, or a folder of them) into the Virtuoso whose SQL port
    is SERVER (HOST:PORT). Each document's graph replaces the server's graph of that name; in
    a shared graph (a government's units and leaders), what the files say of a subject
    replaces what the server held of it, and the other subjects stay. replace=False adds
    everything instead. BulkLoadError names the file Virtuoso did not load."""
    files = corpus_files(source)
    counts, shared = read_graphs(files, default_graph)
    result = BulkLoadResult(files, counts, shared_subjects=shared)
    # A session of its own, before anything is cleared: the server must be able to read every
    # file (a path it does not see, a folder DirsAllowed does not list), or its graphs stay.
    # It is also the login check: a server on the default password is told apart here.
    _, let_in_by = run_isql(readable_script(files), server, user, password, isql, logins=True)
    result.default_password = let_in_by == DEFAULT_PASSWORD
    script = load_script(files, list(result.file_quads), default_graph, replace,
                         result.shared_subjects)
    started = time.perf_counter()
    output = run_isql(script, server, user, password, isql)
    result.seconds = time.perf_counter() - started
    check_files(files, output)
    result.store_quads = store_counts(output, result.file_quads)
    return result


def corpus_files(source: str | Path) -> list[Path]:
    """The files to load, absolute: SOURCE itself, or a folder's .nq files (its .trig files if
    it has none: a build's folder has both, the same quads twice)."""
    path = Path(source).resolve()
    if path.is_dir():
        for suffix in LOADABLE_SUFFIXES:
            found = sorted(p for p in path.glob(f"*{suffix}") if p.is_file())
            if found:
                return found
        raise InputError(source, None, "no .nq or .trig file in this folder (dutygraph build "
                         "with several sources writes corpus.nq and corpus.trig)")
    if not path.is_file():
        raise InputError(source, None, "no such file")
    if path.suffix not in LOADABLE_SUFFIXES:
        raise InputError(source, None, "the bulk loader takes N-Quads (.nq) or TriG (.trig), "
                         "which keep each document's graph")
    return [path]


def read_graphs(files: list[Path], default_graph: str) -> tuple[dict[str, int],
                                                                  dict[str, set[str]]]:
    """Each graph's quads in FILES, and for each shared graph the subjects they describe in
    it. A document's own graph is the one that says it is a dg:Document (`<G> a dg:Document`
    in G); the others are shared. Read here first: a file that does not parse is reported
    with its line before the server is touched."""
    import pyoxigraph as ox

    from dutygraph.ask.guard import check_graph_file
    from dutygraph.ask.store import rdf_format

    counts: dict[str, int] = {}
    subjects: dict[str, set[str]] = {}
    documents: set[str] = set()
    rdf_type, document = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(DG.Document))
    for path in files:
        check_graph_file(path)
        try:
            for quad in ox.parse(path=str(path), format=rdf_format(path)):
                graph = default_graph if isinstance(quad.graph_name, ox.DefaultGraph) \
                    else quad.graph_name.value
                counts[graph] = counts.get(graph, 0) + 1
                if graph in documents:
                    continue
                if (quad.predicate == rdf_type and quad.object == document
                        and quad.subject.value == graph):
                    documents.add(graph)
                    subjects.pop(graph, None)  # a document's graph is cleared whole
                elif isinstance(quad.subject, ox.NamedNode):
                    subjects.setdefault(graph, set()).add(quad.subject.value)
        except SyntaxError as error:
            raise syntax_error(path, error, "RDF") from None
    return counts, {graph: subjects.get(graph, set()) for graph in counts
                    if graph not in documents}


def readable_script(files: list[Path]) -> str:
    """The isql script that reads one byte of each file as the server: FA112 (no such file
    there) or FA003 (not in DirsAllowed) for one it cannot read. (file_stat does not check
    DirsAllowed, on Debian's 7.2.)"""
    lines = [f"SELECT length(file_to_string_output({_sql(str(path))}, 0, 1));" for path in files]
    return "\n".join(lines) + "\n"


def load_script(files: list[Path], graphs: list[str], default_graph: str, replace: bool,
                shared_subjects: dict[str, set[str]] | None = None) -> str:
    """The isql script: clear the documents' graphs and the recurring task pairs that touch
    them; in a shared graph in SHARED_SUBJECTS, forget what it says of those subjects, except
    of the ones another document on the server names (dutygraph.ask.shared: their description
    is kept aside and stays); register the files, load, take back what the files said against
    a kept description, checkpoint, then print each file's state and each graph's quads on
    lines that start DG-FILE| and DG-GRAPH|."""
    shared_subjects = shared_subjects or {}
    documents = [graph for graph in graphs if graph not in shared_subjects]
    lines = []
    if replace:
        # Without the transaction log, as the loader itself writes: the checkpoint keeps both.
        lines.append("log_enable(3, 1);")
        lines += [f"SPARQL CLEAR GRAPH <{graph}>;" for graph in documents]
        for graph, subjects in shared_subjects.items():
            lines += _keep_aside_or_forget(graph, sorted(subjects))
        lines += _forget_recurrences(documents)
    for path in files:
        lines += [f"DELETE FROM DB.DBA.load_list WHERE ll_file = {_sql(str(path))};",
                  f"ld_add({_sql(str(path))}, {_sql(default_graph)});"]
    lines.append("rdf_loader_run();")
    if replace:
        lines += [line for graph in shared_subjects for line in _take_back(graph)]
    lines.append("checkpoint;")
    lines += [f"SELECT 'DG-FILE|{i}|' || cast(ll_state AS varchar) || '|' || "
              f"coalesce(ll_error, '') FROM DB.DBA.load_list WHERE ll_file = {_sql(str(path))};"
              for i, path in enumerate(files)]
    lines += [f'SPARQL SELECT "DG-GRAPH|{i}|" (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> '
              "{ ?s ?p ?o } };" for i, graph in enumerate(graphs)]
    return "\n".join(lines) + "\n"


def kept_graph(graph: str) -> str:
    """The graph a load keeps the descriptions of GRAPH's shared subjects in, meanwhile."""
    return f"{graph}/kept-while-loading"


def _keep_aside_or_forget(graph: str, subjects: list[str]) -> list[str]:
    """Statements that copy what GRAPH says of each of SUBJECTS a document on the server still
    names (the files' documents are cleared by now) into kept_graph, then forget what GRAPH
    says of the others."""
    kept = kept_graph(graph)
    lines = [f"SPARQL CLEAR GRAPH <{kept}>;"]
    for start in range(0, len(subjects), _SUBJECTS_PER_DELETE):
        values = " ".join(f"<{s}>" for s in subjects[start:start + _SUBJECTS_PER_DELETE])
        lines.append(f"SPARQL INSERT {{ GRAPH <{kept}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH "
                     f"<{graph}> {{ ?s ?p ?o }} VALUES ?s {{ {values} }} FILTER EXISTS {{ "
                     f"GRAPH ?d {{ ?d a <{DG.Document}> . {{ ?s ?x ?y }} UNION {{ ?y ?x ?s }} "
                     "} } };")
        lines.append(f"SPARQL DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH "
                     f"<{graph}> {{ ?s ?p ?o }} VALUES ?s {{ {values} }} FILTER NOT EXISTS {{ "
                     f"GRAPH <{kept}> {{ ?s ?any ?thing }} }} }};")
    return lines


def _take_back(graph: str) -> list[str]:
    """Statements that remove, after the load, what the files said of a kept subject against
    its kept description (a value for a property and language it had one for), then drop
    kept_graph: the first description of a shared subject stays (dutygraph.ask.shared)."""
    kept = kept_graph(graph)
    return [f"SPARQL DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{kept}> {{ "
            f"?s ?p ?old }} GRAPH <{graph}> {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH <{kept}> "
            "{ ?s ?p ?o } } FILTER ((isIRI(?o) && isIRI(?old)) || (isLiteral(?o) && "
            "isLiteral(?old) && lang(?o) = lang(?old))) };",
            f"SPARQL CLEAR GRAPH <{kept}>;"]


def _forget_recurrences(documents: list[str]) -> list[str]:
    """The statements that delete, in every graph, the recurring task pairs (dg:Recurrence)
    whose earlier or later task belongs to one of DOCUMENTS (a task's IRI is {document}/…)."""
    lines = []
    for start in range(0, len(documents), _SUBJECTS_PER_DELETE):
        prefixes = " ".join(f'"{document}/"'
                            for document in documents[start:start + _SUBJECTS_PER_DELETE])
        lines.append(f"SPARQL DELETE {{ GRAPH ?g {{ ?r ?p ?o }} }} WHERE {{ GRAPH ?g {{ "
                     f"{{ ?r <{DG.earlierTask}> ?task }} UNION {{ ?r <{DG.laterTask}> ?task }} "
                     f"?r ?p ?o }} VALUES ?prefix {{ {prefixes} }} "
                     "FILTER (STRSTARTS(STR(?task), ?prefix)) };")
    return lines


def _sql(text: str) -> str:
    """TEXT as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def run_isql(script: str, server: str, user: str, password: str, isql: str = ISQL, *,
             login_timeout: float = LOGIN_TIMEOUT, logins: bool = False):
    """Run SCRIPT with isql on SERVER as USER; return what isql printed after logging in
    (with LOGINS, also the password that let it in: PASSWORD, or DEFAULT_PASSWORD where the
    server still has it, as (output, password)). The password is typed at isql's prompt on a
    pseudo-terminal, never put on its command line; an SQL error in the script, a refused
    login, or no prompt within LOGIN_TIMEOUT seconds raises BulkLoadError."""
    program = shutil.which(isql)
    if program is None:
        raise BulkLoadError(f"{isql} is not installed: it comes with Debian's "
                            "virtuoso-opensource (or pass the path of Virtuoso's isql)")
    host, _, port = server.rpartition(":")
    if not host or not port.isdigit():
        raise BulkLoadError(f"{server!r} is not HOST:PORT (Virtuoso's SQL port, 1111 by default)")
    with tempfile.TemporaryDirectory(prefix="dutygraph-isql-") as folder:
        script_file = Path(folder) / "load.sql"
        # isql expands $words as macros in any script: never in ours.
        script_file.write_text("SET MACRO_SUBSTITUTION OFF;\n" + script, encoding="utf-8")
        argv = [program, "-H", host, "-S", port, "-U", user, "VERBOSE=OFF", "BANNER=OFF",
                f"exec=LOAD {script_file};"]
        output, used = _converse(argv, password, server, user, login_timeout)
    errors = _ERROR.findall(output)
    if errors:
        raise _error(server, *errors[0])
    return (output, used) if logins else output


def _converse(argv: list[str], password: str, server: str, user: str,
              login_timeout: float) -> tuple[str, str]:
    """Run ARGV on a pseudo-terminal, answer its password prompt once; return its output after
    the prompt (isql's failed attempt with the default password comes before it) and the
    password that let it in."""
    import pty

    environment = {k: v for k, v in os.environ.items() if k != PASSWORD_VARIABLE}
    pid, terminal = pty.fork()
    if pid == 0:  # the child: isql, with the terminal as its controlling tty
        try:
            os.execve(argv[0], argv, environment)
        finally:
            os._exit(127)
    output = bytearray()
    answered = False
    started = time.monotonic()
    try:
        while True:
            ready, _, _ = select.select([terminal], [], [], min(1.0, login_timeout))
            if not ready:
                if not answered and time.monotonic() - started > login_timeout:
                    raise BulkLoadError(
                        f"{server}: isql did not ask for the password within "
                        f"{login_timeout:g} s: is Virtuoso's SQL port answering? Nothing was "
                        "loaded or cleared")
                continue
            try:
                chunk = os.read(terminal, 65536)
            except OSError:  # EIO: isql has exited and closed the terminal
                break
            if not chunk:
                break
            output += chunk
            prompts = output.count(_PROMPT)
            if prompts == 1 and not answered:
                os.write(terminal, password.encode("utf-8") + b"\n")
                answered = True
            elif prompts > 1:  # asked again: the password was refused
                raise BulkLoadError(f"{server}: the server refused the login of {user!r} "
                                    "(wrong user or password)")
    finally:
        os.close(terminal)
        _reap(pid)
    text = output.decode("utf-8", errors="replace").replace("\r\n", "\n")
    if not answered:
        error = _ERROR.search(text)
        if error:
            raise _error(server, *error.groups())
        # No prompt and no error: isql's first try, the default password, let it in.
        if password != DEFAULT_PASSWORD:
            raise BulkLoadError(
                f"{server}: the password given for {user!r} is wrong: the server still has "
                "Virtuoso's default password, which isql tried first and which let it in. "
                "Give that one, and change it on the server (USER_SET_PASSWORD); nothing was "
                "loaded or cleared")
        return text, DEFAULT_PASSWORD
    return text.split(_PROMPT.decode(), 1)[1], password


def _reap(pid: int) -> None:
    """Wait for the child PID, stopping it first if it still runs (we are leaving early)."""
    if os.waitpid(pid, os.WNOHANG) == (0, 0):
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


def _error(server: str, state: str, message: str) -> BulkLoadError:
    """An isql error line as the error to raise: a refused folder says where to allow it."""
    message = message.strip()
    if _DENIED in message:
        return BulkLoadError(f"{server}: {message}: add the folder to DirsAllowed in the "
                             "server's virtuoso.ini and restart it; nothing was loaded or "
                             "cleared")
    if "FA112" in message:
        return BulkLoadError(f"{server}: {message}: is this path the same on the server's "
                             "machine, and readable by the server? Nothing was loaded or cleared")
    if state.startswith("08") or "Connect failed" in message:
        return BulkLoadError(f"{server}: cannot connect: {message}")
    return BulkLoadError(f"{server}: Virtuoso answered {state}: {message}")


def check_files(files: list[Path], output: str) -> None:
    """Raise BulkLoadError for the first file the loader did not load (DG-FILE lines)."""
    states = {int(i): (state, error.strip())
              for i, state, error in re.findall(r"^DG-FILE\|(\d+)\|(\d+)\|(.*)$", output, re.M)}
    for i, path in enumerate(files):
        state, error = states.get(i, ("", ""))
        if error and _DENIED in error:
            raise BulkLoadError(f"{path}: Virtuoso refused the folder ({error}): add "
                                f"{path.parent} to DirsAllowed in the server's virtuoso.ini "
                                "and restart it")
        if error:
            raise BulkLoadError(f"{path}: Virtuoso did not load the file: {error}")
        if state != "2":
            raise BulkLoadError(f"{path}: Virtuoso did not load the file (load_list state "
                                f"{state or 'missing'}): is this path the same on the "
                                "server's machine, and readable by the server?")


def store_counts(output: str, file_quads: dict[str, int]) -> dict[str, int]:
    """Each graph's quads in the store, from the DG-GRAPH lines (graphs in file order)."""
    counts = {int(i): int(n) for i, n in re.findall(r"^DG-GRAPH\|(\d+)\|\s+(\d+)", output, re.M)}
    return {graph: counts.get(i, 0) for i, graph in enumerate(file_quads)}
