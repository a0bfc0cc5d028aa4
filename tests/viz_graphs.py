"""Hand-made networks to the contract of the network projections, for the page's tests.

Names and sentences are our own; the graph has what each test needs: a person with
labels in three scripts and a dated post, two provinces, two organization types, a post
that ended (for the date filter), a person known only through it, and a name that is a
piece of HTML whose script would set ``window.pwned``.
"""

from __future__ import annotations

import networkx as nx

BASE = "https://example.org/id/"
NAM = BASE + "person/nguyen-thanh-nam"
HOA = BASE + "person/le-thi-hoa"
OLD = BASE + "person/tran-van-cu"
EVIL = BASE + "person/evil"
HANOI_PARTY = BASE + "org/thanh-uy-ha-noi"
HUE_PARTY = BASE + "org/tinh-uy-hue"
HUE_STATE = BASE + "org/ubnd-hue"
HANOI = BASE + "place/ha-noi"
MEETING = BASE + "event/hoi-nghi-1"
EVIL_NAME = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
EVIDENCE = "Ông Nguyễn Thanh Nam được bầu làm Bí thư Thành ủy."
SOURCE = BASE + "doc/article-1"


def small_network() -> nx.Graph:
    g = nx.Graph()
    g.add_node(NAM, kind="person", label="Nguyễn Thanh Nam", province="Hà Nội", orgtype="",
               labels={"vi": "Nguyễn Thanh Nam", "en": "Nguyen Thanh Nam",
                       "ru": "Нгуен Тхань Нам"},
               posts=[{"role": "Bí thư Thành ủy", "organization": "Thành ủy Hà Nội",
                       "start": "2020-03-01", "end": "", "evidence": EVIDENCE,
                       "source": SOURCE}])
    g.add_node(HOA, kind="person", label="Lê Thị Hoa", province="Huế", orgtype="",
               labels={"vi": "Lê Thị Hoa", "ru": "Ле Тхи Хоа"})
    g.add_node(OLD, kind="person", label="Trần Văn Cũ", province="Huế", orgtype="")
    g.add_node(EVIL, kind="person", label=EVIL_NAME, province="Huế", orgtype="")
    g.add_node(HANOI_PARTY, kind="organization", label="Thành ủy Hà Nội", province="Hà Nội",
               orgtype="party", labels={"vi": "Thành ủy Hà Nội",
                                        "en": "Hanoi Party Committee"})
    g.add_node(HUE_PARTY, kind="organization", label="Tỉnh ủy Huế", province="Huế",
               orgtype="party")
    g.add_node(HUE_STATE, kind="organization", label="UBND tỉnh Huế", province="Huế",
               orgtype="state")
    g.add_node(HANOI, kind="place", label="Hà Nội", province="Hà Nội", orgtype="")
    g.add_node(MEETING, kind="event", label="Hội nghị Thành ủy", province="", orgtype="")
    g.add_edge(NAM, HANOI_PARTY, relation="holds", weight=1, start="2020-03-01", end="")
    g.add_edge(NAM, MEETING, relation="chaired", weight=1, start="2021-05-02",
               end="2021-05-02")
    g.add_edge(HANOI_PARTY, HANOI, relation="locatedIn", weight=1, start="", end="")
    g.add_edge(HOA, HUE_PARTY, relation="holds", weight=1, start="2010", end="2019")
    g.add_edge(HOA, HUE_STATE, relation="holds", weight=2, start="2020-01", end="")
    g.add_edge(OLD, HUE_PARTY, relation="holds", weight=1, start="2005", end="2015-06-30")
    g.add_edge(EVIL, HUE_STATE, relation="holds", weight=1, start="", end="")
    return g
