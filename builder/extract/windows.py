"""Every distance the extraction engine measures, in characters of the folded text.

The engine reads relations from proximity: a date near the verb that holds the event,
an issuer right after a document's number, a title right after a name. The windows are
named here, in one place, so that tuning one is a visible decision with a reason beside
it rather than a number buried in a function.
"""

from __future__ import annotations

#: How far after "… held / tổ chức" a title chain may start and still name the organizer
#: of the event ("The Standing Committee of the X Provincial Party Committee held …").
ORGANIZER_AFTER_HOLD = 200

#: How far after a document's number (or its date) the issuing organization may begin
#: ("… du 8 décembre 2023 du Conseil populaire provincial").
ISSUER_AFTER_NUMBER = 60

#: A date this close after a document named earlier in its sentence is the document's
#: date, not the event's ("Resolution 17 of 8 December 2023").
DATE_AFTER_DOCUMENT = 40

#: "attended and chaired by X": when a chair verb is at most this much farther from a
#: person than the nearest attend verb, chairing (which says more) wins.
CHAIR_OVER_ATTEND = 25

#: Added to the distance between a person and a verb across a semicolon: a list item
#: after ";" belongs to its own clause, so a verb in another clause is a last resort.
ACROSS_SEMICOLON = 1000

#: An organization ending this close before a name run makes it the organization's place,
#: not a person ("Comité provincial du Parti de Ninh Thuan").
ORG_BEFORE_NAME = 25

#: A title before a name ("глава … Нгуен Чин", "Ông Bí thư …") ends at most this far
#: before it, with only spaces, commas and honorifics between; looking no farther keeps a
#: sentence with thousands of names and titles (a page without full stops) linear.
TITLE_BEFORE_NAME = 200

#: A sentence longer than this (in characters of the article) is not quoted whole as the
#: evidence of a fact, only QUOTE_AROUND characters either side of the fact, and at most
#: LONGEST_QUOTE in all: a page without full stops is one sentence, and a whole quote per
#: fact (a person, each attendee of the event) is quadratic in it.
LONGEST_QUOTE = 2000
QUOTE_AROUND = 300

#: Connector words between a name and its title ("X, l'un des …") are at most this long.
POSTFIX_CONNECTOR = 12

#: The folded text looked at before a place for its level word ("province de", "tỉnh").
LEVEL_WORD_BEFORE = 30

#: The text looked at after a place for a level word written after it ("Ha Noi City").
LEVEL_WORD_AFTER = 12

#: The text looked at before a year for a target word ("d'ici 2030", "by the end of
#: 2030", "tầm nhìn đến năm 2045"): a horizon is not the article's time.
TARGET_WORD_BEFORE = 30

#: A range of years is a term ("2020-2025", "2021-2026") when it spans at most this many
#: years; longer ones ("2011-2030") are strategies, not the term a congress opens.
MAX_TERM_YEARS = 5

#: When the sentence holding the event has no date, the event's date is looked for in
#: this many first sentences (title, lead): a date further down is a document's, an
#: earlier event's or a deadline.
LEAD_SENTENCES = 3

#: Two articles this many days apart or fewer report the same period of a career:
#: posts they give one name that cannot be held together (local posts in two provinces,
#: the same exclusive role in two bodies) are two people (builder/clusters.py). Wider
#: would split a cadre rotated soon after an article; narrower would merge namesakes.
SAME_PERIOD_DAYS = 90
