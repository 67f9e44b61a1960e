"""Pictures of who works with whom (network → pyvis Network → one self-contained HTML page).

The view functions return a pyvis ``Network`` before any HTML is written, so tests and
notebooks can inspect its nodes and edges; `network_html` and `write_html` turn it into a page
that opens with no network at all (vis-network embedded, no CDN, no Bootstrap).
"""

from __future__ import annotations

import functools
import math
import os
from html import escape
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from dutygraph.errors import import_extra
from dutygraph.picture.layout import place, stabilization_iterations
from dutygraph.picture.network import (
    NO_LEADER,
    Collaboration,
    TaskView,
    ViewError,
    collaboration,
    leader_shares,
    select,
    select_leaders,
    task_view,
)
from dutygraph.picture.workbench import attach_tools

# Unit types: the local name of a unit's org:classification (dg:bureau …) → its Chinese name
# (skos:prefLabel@zh in ontology/dutygraph.ttl, which a test keeps in step) and its colour.
# The data graph has only the IRI, so the names are declared here, once.
UNIT_TYPES = {
    "bureau": ("政府部门", "#4e79a7"),
    "townOrSubdistrict": ("镇街", "#59a14f"),
    "taskForce": ("工作专班", "#f28e2b"),
    "stateOwnedGroup": ("国有企业集团", "#b07aa1"),
    "partyDepartment": ("党委部门", "#e15759"),
    "massOrganisation": ("群团组织", "#ff9da7"),
    "centre": ("事业单位", "#76b7b2"),
    "court": ("法院", "#9c755f"),
    "collective": ("集合主体", "#edc948"),
    "adminCommittee": ("管委会", "#8cd17d"),
    "otherBody": ("其他单位", "#bab0ac"),
    "": ("未分类", "#d4d4d4"),
}
# Leaders get colours in order of their number of tasks; units under no leader get grey. The
# colours are far (in CIELAB) from every unit type's and from each other's, so a leader is
# never read as a unit type (test_picture checks the distances).
LEADER_COLOURS = ("#00429d", "#c51b7d", "#1b9e77", "#7f3b08", "#542788", "#e41a1c",
                  "#003c30", "#00bfff", "#808000", "#ffd700", "#ff00ff", "#00fa9a")
NO_LEADER_COLOUR = "#c7c7c7"
NO_LEADER_NAME = "无分管领导"
TASK_COLOUR = "#f3f0e6"
BORDER = "#333333"
# System fonts that carry Chinese, on Linux, Windows and macOS; no web font is fetched.
FONT_FACE = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
VIEWS = "collaboration | leaders | unit:NAME | leader:NAME"
COLOUR_BY = ("type", "leader")
ROLE_NAMES = {"lead": "牵头", "co": "配合"}


def view_network(
    store: ox.Store,
    view: str = "collaboration",
    *,
    leader: str | None = None,
    min_shared: int = 1,
    unit_types: tuple[str, ...] | list[str] = (),
    top: int | None = None,
    colour_by: str = "type",
):
    """The pyvis Network of VIEW (collaboration, leaders, unit:NAME, leader:NAME), filtered."""
    unit_types = unit_type_keys(unit_types)
    filters = {"min_shared": min_shared, "unit_types": unit_types, "top": top}
    if view in ("collaboration", "leaders"):
        whole = collaboration(store, leader=leader)
        if view == "collaboration":
            net = collaboration_network(select(whole, **filters), colour_by=colour_by)
            return add_tools(net, whole, leader_shares(store, leader=leader), "collaboration")
        net = leaders_network(select_leaders(whole, **filters))
        return add_tools(net, whole, {}, "leaders")
    kind, _, name = view.partition(":")
    if kind == "unit" and name:
        net = tasks_network(task_view(store, unit=name, within_leader=leader), **filters)
    elif kind == "leader" and name:
        if leader is not None and leader != name:
            raise ViewError(f"view {view!r} is already one leader's: drop --leader {leader}")
        net = tasks_network(task_view(store, leader=name), **filters)
    else:
        raise ViewError(f"unknown view {view!r}: use one of {VIEWS}")
    return add_tools(net, collaboration(store), {}, "tasks")


def add_tools(net, whole: Collaboration, shares: dict, kind: str):
    """NET with the data of its page's find box, filters and ranking (picture.workbench)."""
    present = {node.get("type") for node in net.nodes if node.get("kind") == "unit"}
    types = [[key, zh, colour] for key, (zh, colour) in UNIT_TYPES.items() if key in present]
    return attach_tools(net, whole, shares, types, kind)


def unit_type_keys(names) -> tuple[str, ...]:
    """Unit types given by local name (bureau) or Chinese name (政府部门), as local names."""
    by_name = {zh: key for key, (zh, _) in UNIT_TYPES.items() if key}
    keys = []
    for name in names:
        if name in UNIT_TYPES and name:
            keys.append(name)
        elif name in by_name:
            keys.append(by_name[name])
        else:
            known = ", ".join(f"{k} ({zh})" for k, (zh, _) in UNIT_TYPES.items() if k)
            raise ViewError(f"unknown unit type {name!r}: use one of {known}")
    return tuple(keys)


def collaboration_network(collab: Collaboration, *, colour_by: str = "type"):
    """Units as nodes, ties as edges weighted by tasks shared; colour by type or main leader."""
    if colour_by not in COLOUR_BY:
        raise ViewError(f"unknown colouring {colour_by!r}: use one of {', '.join(COLOUR_BY)}")
    leader_colour = _leader_colours(collab)
    nodes = []
    for iri, unit in collab.units.items():
        if colour_by == "type":
            fill = UNIT_TYPES.get(unit.type, UNIT_TYPES[""])[1]
        else:
            fill = leader_colour[collab.main_leader(iri)]
        nodes.append(_unit_node(unit, fill, _unit_tooltip(collab, iri)))
    edges = [_tie_edge(collab, tie) for tie in collab.ties]
    if colour_by == "type":
        colours = _type_legend({u.type for u in collab.units.values()})
    else:
        colours = ("主要分管领导（节点颜色）", [
            (_leader_name(collab, i), "", c) for i, c in leader_colour.items()
            if any(collab.main_leader(u) == i for u in collab.units)])
    legend = [colours, _size_legend(), _edge_legend()]
    subtitle = (f"{_scope(collab)}：{len(nodes)} 个单位，{len(edges)} 对单位共同承担重点工作"
                "（连线越粗，共同承担越多）")
    return _network(nodes, edges, "责任单位协作网络", subtitle, legend, _physics(len(nodes)))


def leaders_network(collab: Collaboration):
    """Leaders and units as two kinds of node; an edge per leader and unit, weighted by tasks."""
    leader_colour = _leader_colours(collab)
    nodes = [_leader_node(collab, iri, leader_colour[iri]) for iri in collab.leaders]
    for iri, unit in collab.units.items():
        fill = UNIT_TYPES.get(unit.type, UNIT_TYPES[""])[1]
        nodes.append(_unit_node(unit, fill, _unit_tooltip(collab, iri)))
    edges = []
    for tie in collab.leader_ties:
        alpha = min(0.35 + 0.12 * tie.weight, 0.9)
        edges.append({
            "from": tie.source, "to": tie.target, "width": _width(tie.weight),
            "color": {"color": _rgba(leader_colour[tie.source], alpha),
                      "highlight": leader_colour[tie.source]},
            "length": _spring(tie.weight), "weight": tie.weight,
            "title": f"{collab.leaders[tie.source].name} → {collab.units[tie.target].name}："
                     f"{tie.weight} 项重点工作",
        })
    legend = [("节点", [("分管领导（方框，颜色区分）", "box", "#555"),
                        ("责任单位（圆点）", "", UNIT_TYPES["bureau"][1])]),
              _type_legend({u.type for u in collab.units.values()}), _size_legend(),
              ("连线", [("领导分管的工作经由该单位承担，越粗项数越多", "line", "#777")])]
    subtitle = (f"{_scope(collab)}：{len(collab.leaders)} 位分管领导，{len(collab.units)} 个单位，"
                f"{len(edges)} 条分管连线")
    return _network(nodes, edges, "分管领导与责任单位", subtitle, legend, _physics(len(nodes)))


def tasks_network(view: TaskView, *, min_shared: int = 1,
                  unit_types: tuple[str, ...] | list[str] = (), top: int | None = None):
    """One unit's or one leader's tasks as boxes, their units as dots, an edge per role."""
    units = _task_view_units(view, min_shared, unit_types, top)
    leader_focus = view.focus in view.leaders
    nodes = []
    if leader_focus:
        nodes.append(_leader_node(view, view.focus, LEADER_COLOURS[0]))
    for task in view.tasks:
        nodes.append(_task_node(view, task))
    for iri in units:
        unit = view.units[iri]
        fill = UNIT_TYPES.get(unit.type, UNIT_TYPES[""])[1]
        node = _unit_node(unit, fill, _unit_counts(unit))
        # Smaller dots than in the network views: here the tasks are what is read.
        node["size"] = node["size"] * (1.0 if iri == view.focus else 0.7)
        if iri == view.focus:
            node["font"] = {**node["font"], "size": 26}
            node["focus"] = True  # the page's filters never hide it
        nodes.append(node)
    edges = []
    if leader_focus:
        edges += [{"from": view.focus, "to": t.iri, "width": 1,
                   "color": {"color": "rgba(120,120,120,0.4)"}, "length": 120,
                   "title": f"{view.leaders[view.focus].name}分管"} for t in view.tasks]
    for task in view.tasks:
        for iri, role in task.units:
            if iri in units:
                edges.append(_role_edge(view, task, iri, role))
    legend = [("节点", [("重点工作（方框：分组-序号）", "box", TASK_COLOUR)]),
              _type_legend({view.units[i].type for i in units}),
              ("连线", [("牵头（实线）", "line", BORDER), ("配合（虚线）", "line dashed", "#999")])]
    subtitle = view.note or (f"{len(view.tasks)} 项重点工作，{len(units)} 个责任单位，"
                             f"{len(edges)} 条连线；悬停在方框上看工作全文")
    net = _network(nodes, edges, view.title, subtitle, legend, _physics(len(nodes)))
    net.note = view.note_en  # why the page is empty, for the command line to say
    return net


def _task_view_units(view: TaskView, min_shared: int, unit_types, top) -> list[str]:
    """The units a task view shows: on ≥ min_shared of its tasks, of the types, top N by tasks."""
    on = {}
    for task in view.tasks:
        for iri, _ in task.units:
            on[iri] = on.get(iri, 0) + 1
    keep = [i for i, n in on.items() if i == view.focus or (
        n >= min_shared and (not unit_types or view.units[i].type in unit_types))]
    keep.sort(key=lambda i: (i != view.focus, -on[i], view.units[i].name))
    return keep if top is None else keep[: top + (view.focus in on)]


def _unit_node(unit, fill: str, tooltip: str) -> dict:
    """A unit as a dot: size by tasks, border by the share it leads (dashed if it never leads)."""
    size = 8 + 7 * math.sqrt(unit.tasks)
    node = {
        "id": unit.iri, "label": unit.name, "title": tooltip, "shape": "dot", "size": size,
        "borderWidth": 1 + 3.5 * unit.lead_share, "borderWidthSelected": 2 + 3.5 * unit.lead_share,
        "color": {"background": fill, "border": BORDER,
                  "highlight": {"background": fill, "border": "#000000"},
                  "hover": {"background": fill, "border": "#000000"}},
        "font": {"size": round(15 + 2.5 * math.sqrt(unit.tasks)), "face": FONT_FACE,
                 "strokeWidth": 4, "strokeColor": "#ffffff"},
        "kind": "unit", "tasks": unit.tasks, "lead_tasks": unit.lead_tasks, "type": unit.type,
    }
    if unit.lead_tasks == 0:
        node["shapeProperties"] = {"borderDashes": [3, 3]}
    return node


def _leader_node(source, iri: str, colour: str) -> dict:
    """A leader as a coloured box."""
    leader = source.leaders[iri]
    return {
        "id": iri, "label": leader.name, "shape": "box", "margin": 10, "mass": 3,
        "title": f"{leader.name}\n分管重点工作 {leader.tasks} 项",
        "color": {"background": colour, "border": "#222222",
                  "highlight": {"background": colour, "border": "#000000"}},
        "font": {"size": 30, "face": FONT_FACE, "color": _text_colour(colour)},
        "kind": "leader", "tasks": leader.tasks,
    }


def _task_node(view: TaskView, task) -> dict:
    """A task as a small box labelled section-number and the start of its text."""
    short = task.text if len(task.text) <= 12 else task.text[:11] + "…"
    roles = "、".join(f"{view.units[i].name}（{ROLE_NAMES[r]}）" for i, r in task.units)
    leader = view.leaders[task.leader].name if task.leader in view.leaders else NO_LEADER_NAME
    return {
        "id": task.iri, "label": f"{task.numeral}-{task.number}\n{short}", "shape": "box",
        "title": f"{task.heading} 第 {task.number} 项（第 {task.line} 行）\n分管：{leader}\n"
                 f"{task.text}\n责任单位：{roles}",
        "color": {"background": TASK_COLOUR, "border": "#b5ab8c",
                  "highlight": {"background": "#fff8dc", "border": "#000000"}},
        "font": {"size": 22, "face": FONT_FACE}, "kind": "task", "leader": task.leader,
    }


def _role_edge(view: TaskView, task, iri: str, role: str) -> dict:
    """A unit's role on a task: solid and dark if it leads, dashed and grey if it co-works."""
    lead = role == "lead"
    return {
        "from": task.iri, "to": iri, "width": 3 if lead else 1.5, "dashes": not lead,
        "color": {"color": BORDER if lead else "#9a9a9a"}, "length": 110 if lead else 150,
        "role": role,
        "title": f"{view.units[iri].name}{ROLE_NAMES[role]}：{task.numeral}-{task.number}",
    }


def _tie_edge(collab: Collaboration, tie) -> dict:
    """Two units sharing tasks: width, darkness and spring pull grow with the tasks shared."""
    alpha = 0.22 if tie.weight == 1 else min(0.3 + 0.1 * tie.weight, 0.85)
    names = f"{collab.units[tie.source].name} — {collab.units[tie.target].name}"
    return {
        "from": tie.source, "to": tie.target, "width": _width(tie.weight),
        "color": {"color": f"rgba(80,80,100,{alpha:.2f})", "highlight": "#d62728",
                  "hover": "#d62728"},
        "length": _spring(tie.weight), "weight": tie.weight,
        "title": f"{names}：共同承担 {tie.weight} 项重点工作",
    }


def _width(weight: int) -> float:
    """Edge width for a weight: hairline for one task, then growing."""
    return round(0.6 + 1.3 * (weight - 1), 1)


def _spring(weight: int) -> int:
    """Spring length for a weight: strong ties pull units together, single tasks barely."""
    return round(70 + 200 / weight)


def _unit_tooltip(collab: Collaboration, iri: str) -> str:
    """A unit's hover text: name, type, counts, leaders, top partners (in Chinese)."""
    lines = [_unit_counts(collab.units[iri])]
    leaders = collab.unit_leaders(iri)
    if leaders:
        lines.append("分管领导：" + "、".join(
            f"{collab.leaders[i].name}（{n}）" for i, n in leaders[:4]))
    partners = collab.partners(iri)
    if partners:
        top = "、".join(f"{collab.units[i].name}（{n}）" for i, n in partners[:5])
        lines.append(f"协作单位 {len(partners)} 个，共同承担最多：{top}")
    else:
        lines.append("没有与其他单位共同承担的工作")
    return "\n".join(lines)


def _unit_counts(unit) -> str:
    """Name, type and task counts of a unit."""
    type_name = UNIT_TYPES.get(unit.type, UNIT_TYPES[""])[0]
    return (f"{unit.name}（{type_name}）\n重点工作 {unit.tasks} 项："
            f"牵头 {unit.lead_tasks} 项，配合 {unit.co_tasks} 项")


def _scope(collab: Collaboration) -> str:
    """What the picture counts, and the filters applied, for its caption."""
    notes = _filter_notes(**collab.filters) if collab.filters else []
    return f"{collab.scope}（{'；'.join(notes)}）" if notes else collab.scope


def _filter_notes(min_shared: int = 1, unit_types=(), top: int | None = None) -> list[str]:
    """The filters applied, as short Chinese phrases."""
    notes = []
    if unit_types:
        notes.append("仅" + "、".join(UNIT_TYPES[key][0] for key in unit_types))
    if top is not None:
        notes.append(f"前 {top} 个单位")
    if min_shared > 1:
        notes.append(f"连线至少 {min_shared} 项")
    return notes


def _leader_colours(collab: Collaboration) -> dict[str, str]:
    """A colour per leader, busiest first, and grey for units under no leader."""
    ranked = sorted(collab.leaders.values(), key=lambda s: (-s.tasks, s.name))
    colours = {s.iri: LEADER_COLOURS[n % len(LEADER_COLOURS)] for n, s in enumerate(ranked)}
    colours[NO_LEADER] = NO_LEADER_COLOUR
    return colours


def _leader_name(collab: Collaboration, iri: str) -> str:
    """A leader's name, or 无分管领导."""
    return collab.leaders[iri].name if iri in collab.leaders else NO_LEADER_NAME


def _type_legend(types: set[str]) -> tuple[str, list]:
    """The legend of unit-type colours, for the types present."""
    return ("单位类型（节点颜色）",
            [(zh, "", colour) for key, (zh, colour) in UNIT_TYPES.items() if key in types])


def _size_legend() -> tuple[str, list]:
    """The legend of node size and border."""
    return ("节点大小与边框", [
        ("越大：承担的重点工作越多", "", "#999"),
        ("粗边框：多为牵头", "ring thick", BORDER),
        ("细边框：多为配合", "ring", BORDER),
        ("虚线边框：只配合、不牵头", "ring dashed", BORDER),
    ])


def _edge_legend() -> tuple[str, list]:
    """The legend of collaboration edges."""
    return ("连线", [("共同承担 1 项", "line", "rgba(80,80,100,0.3)"),
                   ("共同承担多项（越粗越多）", "line", "rgba(80,80,100,0.8)")])


def _physics(count: int) -> dict:
    """Options: a force layout settled before the first draw, then switched off."""
    return {
        "autoResize": True,
        # The nodes come placed (picture.layout): vis-network's own first layout is not needed.
        "layout": {"randomSeed": 2024, "improvedLayout": False},
        # Labels under 11 px on screen are not drawn (vis-network hides below threshold - 1);
        # the page sizes the labels at the default zoom so that only the larger units have one.
        "nodes": {"font": {"face": FONT_FACE},
                  "scaling": {"label": {"drawThreshold": 12, "maxVisible": 24}}},
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "hideEdgesOnDrag": count > 150},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -220, "centralGravity": 0.02,
                                 "springLength": 140, "springConstant": 0.05, "damping": 0.5,
                                 "avoidOverlap": 0.9},
            "minVelocity": 1,
            "stabilization": {"enabled": True, "iterations": 1200, "updateInterval": 50,
                              "fit": True},
        },
    }


def _network(nodes: list, edges: list, title: str, subtitle: str, legend: list, options: dict):
    """A pyvis Network holding NODES and EDGES, with the page's title, subtitle and legend."""
    net = _network_class()(height="760px", width="100%", heading=title)
    # Lists set directly: add_node and add_edge are O(n) each (they check for duplicates).
    net.nodes = nodes
    net.node_ids = [node["id"] for node in nodes]
    net.node_map = {node["id"]: node for node in nodes}
    net.edges = edges
    place(nodes, edges)
    options["physics"]["stabilization"]["iterations"] = stabilization_iterations(
        len(nodes), len(edges))
    # A dict, not set_options(): that one strips every space, font names included.
    net.options = options
    net.subtitle = subtitle
    net.legend = legend
    return net


@functools.cache
def _network_class():
    """pyvis's Network, whose own writing methods (show, write_html, generate_html) make
    dutygraph's self-contained page: pyvis's would fetch vis-network from a CDN, and raise
    AttributeError in a notebook (they need a template this Network never loads)."""
    Network = import_extra("pyvis.network", "pictures", "a picture").Network

    class PictureNetwork(Network):
        """A pyvis Network that writes itself as network_html's page."""

        def generate_html(self, name="index.html", local=True, notebook=False):
            return network_html(self)

        def write_html(self, name, local=True, notebook=False, open_browser=False):
            return write_html(self, name)

        def show(self, name, local=True, notebook=True):
            """Write the page to NAME; in a notebook, an iframe showing it (notebook_page)."""
            path = write_html(self, name)
            return notebook_page(path) if notebook else path

    return PictureNetwork


def network_html(net) -> str:
    """The page of NET: one self-contained HTML document that needs no network."""
    jinja2 = import_extra("jinja2", "pictures", "a picture's page")
    Environment, FileSystemLoader = jinja2.Environment, jinja2.FileSystemLoader
    select_autoescape = jinja2.select_autoescape
    from markupsafe import Markup  # installed with jinja2

    assets = resources.files("dutygraph") / "assets"
    env = Environment(loader=FileSystemLoader(str(assets)), autoescape=select_autoescape())
    # Chinese as it is (not \u escapes), so the page can be searched; <, >, & stay escaped.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    js, css = _vis_files()
    return env.get_template("network.html").render(
        title=net.heading, subtitle=getattr(net, "subtitle", ""),
        legend=getattr(net, "legend", []), nodes=net.nodes, edges=net.edges,
        tools=getattr(net, "tools", None), tools_js=Markup(_asset("network.js")),
        options=net.options if isinstance(net.options, dict) else {}, height=net.height,
        font_face=Markup(FONT_FACE), vis_js=Markup(js), vis_css=Markup(css),
    )


def write_html(net, path: str | Path) -> Path:
    """Write NET's page to PATH (atomically, as the build writes its files)."""
    from dutygraph.publish.files import write_files_atomically

    path = Path(path)
    write_files_atomically(path.parent, {path.name: network_html(net).encode("utf-8")})
    return path


def iframe_html(net, height: str = "780px") -> str:
    """NET's page inside an <iframe srcdoc>, the whole page in the cell's output (large, and
    dropped when an untrusted notebook is reopened): dutygraph.picture.notebook.show_network
    writes the page to a file and shows that instead."""
    from html import escape

    return (f'<iframe srcdoc="{escape(network_html(net), quote=True)}" '
            f'style="width: 100%; height: {height}; border: 0"></iframe>')


def _asset(name: str) -> str:
    """A file of dutygraph/assets, as text."""
    return (resources.files("dutygraph") / "assets" / name).read_text(encoding="utf-8")


def _vis_files() -> tuple[str, str]:
    """vis-network's script and style sheet, as shipped inside the pyvis package."""
    pyvis = import_extra("pyvis", "pictures", "a picture")
    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"))
    if not found:
        raise ViewError(f"vis-network is missing from the pyvis package ({lib}): "
                        "reinstall pyvis (pip install --force-reinstall pyvis)")
    folder = found[-1].parent
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), \
        (folder / "vis-network.css").read_text(encoding="utf-8")


def _text_colour(hex_colour: str) -> str:
    """White on a dark fill, near-black on a light one (relative luminance, roughly)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else "#222222"


def _rgba(hex_colour: str, alpha: float) -> str:
    """#rrggbb with an alpha, as rgba()."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:.2f})"


def notebook_page(path: str | Path, height: str = "780px"):
    """A cell output showing the page at PATH in an iframe, with a link to it and its path as
    text. The notebook keeps only these few hundred bytes, not the page (~900 KB), and a
    reopened, untrusted notebook whose HTML is sanitised still has the link and the path."""
    from IPython.display import IFrame

    class NetworkPage(IFrame):
        def _repr_html_(self):
            src = escape(self.src, quote=True)
            return (f'<iframe src="{src}" width="100%" height="{self.height}" '
                    f'style="border: 0"></iframe>\n<p><a href="{src}" target="_blank">'
                    f"在新窗口打开 Open the picture: {escape(self.src)}</a></p>")

        def __repr__(self):
            return f"The picture: {self.src} (open it in a browser)"

    # The iframe's address is relative to the notebook's folder, where the kernel runs.
    return NetworkPage(Path(os.path.relpath(path)).as_posix(), width="100%", height=height)
