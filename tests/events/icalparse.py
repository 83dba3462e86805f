"""A small, strict RFC 5545 reader for tests: it fails on anything our files must never contain.

Checks: CRLF line ends only, physical lines of at most 75 octets, balanced BEGIN/END, one
VCALENDAR, and it resolves DTSTART;TZID=... through the file's own VTIMEZONE (not through
Python's zone database), so a wrong VTIMEZONE gives a wrong instant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

LINE = re.compile(
    r"^(?P<name>[A-Z0-9-]+)(?P<params>(;[A-Z0-9-]+=(\"[^\"]*\"|[^\";:,]*))*):(?P<value>.*)$"
)


@dataclass
class Property:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    properties: list[Property] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [prop for prop in self.properties if prop.name == name]

    def get(self, name: str) -> Property:
        found = self.all(name)
        assert len(found) == 1, f"{self.name} has {len(found)} {name}"
        return found[0]

    def value(self, name: str) -> str:
        return self.get(name).value

    def text(self, name: str) -> str:
        return unescape(self.value(name))

    def find(self, name: str) -> list[Component]:
        return [child for child in self.children if child.name == name]


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char != "\\":
            assert char not in ",;", f"unescaped {char!r} in TEXT {value!r}"
            out.append(char)
            continue
        following = next(chars)
        assert following in "\\;,nN", f"bad escape \\{following}"
        out.append("\n" if following in "nN" else following)
    return "".join(out)


def parse(data: bytes) -> Component:
    text = data.decode("utf-8")
    assert text.endswith("\r\n"), "the file must end with CRLF"
    assert "\n" not in text.replace("\r\n", ""), "bare LF"
    assert "\r" not in text.replace("\r\n", ""), "bare CR"
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert len(line.encode()) <= 75, f"line longer than 75 octets: {line!r}"
    logical: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            assert logical, "continuation before the first line"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    stack: list[Component] = []
    root = None
    for line in logical:
        match = LINE.match(line)
        assert match, f"malformed content line {line!r}"
        name, value = match["name"], match["value"]
        params = {}
        for part in re.findall(r';([A-Z0-9-]+)=("[^"]*"|[^";:,]*)', match["params"]):
            params[part[0]] = part[1].strip('"')
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            else:
                assert root is None, "more than one top-level component"
                root = component
            stack.append(component)
        elif name == "END":
            assert stack and stack[-1].name == value, f"END:{value} does not close a BEGIN"
            stack.pop()
        else:
            assert stack, "property outside a component"
            stack[-1].properties.append(Property(name, params, value))
    assert not stack, "unclosed component"
    assert root is not None and root.name == "VCALENDAR"
    return root


def _offset(value: str) -> timedelta:
    sign = -1 if value[0] == "-" else 1
    return sign * timedelta(hours=int(value[1:3]), minutes=int(value[3:5]))


def _local(value: str) -> datetime:
    return datetime.strptime(value, "%Y%m%dT%H%M%S")


def instant(calendar: Component, prop: Property) -> datetime:
    """The UTC instant of a DATE-TIME property, resolving TZID through the file's VTIMEZONE."""
    if prop.value.endswith("Z"):
        return datetime.strptime(prop.value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    tzid = prop.params["TZID"]
    zones = [z for z in calendar.find("VTIMEZONE") if z.value("TZID") == tzid]
    assert len(zones) == 1, f"no single VTIMEZONE for {tzid}"
    onsets = []
    for observance in zones[0].children:
        assert observance.name in ("STANDARD", "DAYLIGHT")
        start = _local(observance.value("DTSTART"))
        offset_from = _offset(observance.value("TZOFFSETFROM"))
        onsets.append((start - offset_from, _offset(observance.value("TZOFFSETTO"))))
    onsets.sort()
    local = _local(prop.value)
    offset = None
    for onset_utc, offset_to in onsets:
        if local - offset_to >= onset_utc:
            offset = offset_to
    assert offset is not None, f"{prop.value} is before every observance of {tzid}"
    return (local - offset).replace(tzinfo=UTC)
