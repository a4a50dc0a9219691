import Foundation

/// The simulator's own rendering of Meltingspot's documented JSON (written from the docs, never
/// shared with the adapter): the `{items, total}` envelope, participants with ISO 8601 `Z` dates,
/// spot members with epoch-millisecond times, and a `{statusCode, message}` error body.
enum SimulatorWireFormat {
    static func participant(_ p: SpotParticipant, member: SpotMember?) -> [String: Any] {
        func name(_ value: String?) -> Any {
            switch p.nameShape {
            case .strings: value ?? NSNull()
            case .null: NSNull()
            case .emptyObject: [String: Any]()
            }
        }
        func date(_ value: Date?) -> Any {
            guard let value else { return NSNull() }
            return value.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: p.millisecondTimestamps))
        }
        return [
            "id": p.id, "courseId": p.courseId, "spotMemberId": p.spotMemberId,
            "spotMemberEmail": member?.email ?? "",
            "spotMemberFirstname": name(member?.firstname), "spotMemberLastname": name(member?.lastname),
            "status": p.status, "invitedAt": date(p.invitedAt), "startedAt": date(p.startedAt),
            "completedAt": date(p.completedAt), "unenrolledAt": date(p.unenrolledAt),
            "lastActivityAt": date(p.lastActivityAt), "completionRate": p.completionRate,
        ]
    }

    static func course(_ c: SpotCourse) -> [String: Any] {
        [
            "id": c.id, "title": c.title, "description": c.description, "privacy": c.privacy, "status": c.status,
            "navigationMode": c.navigationMode,
        ]
    }

    static func member(_ m: SpotMember) -> [String: Any] {
        [
            "id": m.id, "spotId": m.spotId, "userId": m.userId ?? NSNull(), "email": m.email,
            "title": m.title ?? NSNull(),
            "lang": m.lang, "role": m.role, "customRoleId": NSNull(), "status": m.status,
            "firstname": m.firstname ?? NSNull(), "lastname": m.lastname ?? NSNull(), "warnings": 0,
            "embedBaseUrls": ["default": "https://\(m.spotId).meltingspot.io"],
            "updatedAt": m.updatedAtMs, "lastActivityAt": m.lastActivityAtMs.map { $0 as Any } ?? NSNull(),
        ]
    }

    static func envelope(_ items: [[String: Any]], total: Int) -> [String: Any] { ["items": items, "total": total] }

    /// The error body for `status`, with the docs' short message where there is one.
    static func error(_ status: Int, _ message: String? = nil) -> Data {
        let text = message ?? defaultMessages[status] ?? "Error"
        return json(["statusCode": status, "message": text])
    }

    static let defaultMessages: [Int: String] = [
        400: "Malformed payload", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
        413: "Payload is too large", 429: "Too many requests", 500: "Internal server error",
        502: "Bad gateway", 503: "Service unavailable",
    ]

    static func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
