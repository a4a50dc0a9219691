#!/usr/bin/env python3
"""List every Frontcore participant as JSON Lines: the loop a migration author writes by hand.

requests with one keep-alive session, `since_id` paging at 250 per page, json for decoding and
encoding, one flat record per participant (the fields `roster list --format jsonl` prints), written
to stdout. Reads FRONTCORE_BASE_URL and FRONTCORE_API_KEY from the environment. Used by
measure_clients.py as the baseline `roster list` is measured against; not part of Roster.
"""
import json
import os
import sys

import requests

STATUSES = {1: "enrolled", 7: "pending", 2: "waitlisted", 3: "waitlisted", 4: "cancelled", 8: "cancelled"}


def text(value):
    return value if isinstance(value, str) and value != "" else None


def record(p):
    status = p.get("status") or {}
    status_id = status.get("id", p.get("idStatus"))
    completed = p.get("completed") in (True, 1, "1", "true")
    canonical = STATUSES.get(int(status_id), "unknown") if status_id is not None else "unknown"
    if canonical == "enrolled" and completed:
        canonical = "completed"
    user = p.get("user") or {}
    course = p.get("course") or {}
    date = p.get("coursedate") or {}
    learner = {"id": str(user.get("id"))}
    for key, value in (("email", user.get("email")), ("firstName", user.get("firstname")),
                       ("lastName", user.get("lastname")), ("username", user.get("username")),
                       ("externalID", user.get("external_id"))):
        if text(value):
            learner[key] = value
    out = {"provider": "frontcore", "id": str(p["id"]), "courseId": str(course.get("id"))}
    if text(course.get("title")):
        out["courseTitle"] = course["title"]
    if date.get("id") is not None:
        out["sessionId"] = str(date["id"])
    out.update({"status": canonical, "role": "learner", "vendorStatus": str(status_id), "learner": learner})
    if p.get("passed") is not None:
        out["passed"] = p["passed"] in (True, 1, "1", "true")
    paid = (p.get("paid") or {}).get("id", p.get("idPaid"))
    if paid in (1, 3):
        out["paid"] = paid == 1
    if text(p.get("updated_at")):
        out["updatedAt"] = p["updated_at"]
    return out


def main():
    base = os.environ["FRONTCORE_BASE_URL"].rstrip("/")
    session = requests.Session()
    session.headers.update({"X-API-Key": os.environ["FRONTCORE_API_KEY"], "Accept": "application/json"})
    since = 0
    write = sys.stdout.write
    while True:
        response = session.get(base + "/participants", params={"since_id": since, "limit": 250}, timeout=60)
        response.raise_for_status()
        page = response.json()
        for participant in page:
            write(json.dumps(record(participant), ensure_ascii=False) + "\n")
        if len(page) < 250:
            break
        since = page[-1]["id"]


if __name__ == "__main__":
    main()
