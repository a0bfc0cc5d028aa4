"""``partygraph serve``: a local web application over a store — a SPARQL 1.1 Protocol
endpoint, a dereferenceable page per entity, a search box over names in every script.

:mod:`.app` (routes), :mod:`.sparql` (the protocol), :mod:`.negotiate` (formats),
:mod:`.entities` (what a page shows), :mod:`.search` (names), :mod:`.pages` (templates).
Starlette and uvicorn are imported only here, never by the command line's start-up.
"""
