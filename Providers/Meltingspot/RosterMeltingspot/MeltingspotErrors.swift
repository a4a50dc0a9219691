import Foundation
import RosterCore
import RosterHTTP

/// How Meltingspot's error answers become `RosterError`s. The documented codes are 400 "Malformed
/// payload" and 413 "Payload is too large" (→ invalidArgument), 401 (→ unauthenticated), 403
/// (→ permissionDenied), 404 "Course not found" / "Spot member not found" (→ notFound; a missing
/// participant also answers "Course not found"); 429 and 5xx follow the standard mapping. No error
/// body is documented, so a `message` (or `error`) string is used when present, the status otherwise.
enum MeltingspotErrors {
    @Sendable static func map(_ response: HTTPResponse, _ request: HTTPRequest) -> RosterError? {
        guard var error = VendorAPI.standardErrorMapping(response, request) else { return nil }
        if let message = vendorMessage(in: response.body) {
            error.message = "Meltingspot answered HTTP \(response.status): \(message)"
        } else if let meaning = documentedMeaning[response.status] {
            error.message = "Meltingspot answered HTTP \(response.status) (\(meaning))"
        }
        return error
    }

    /// The documented short meanings, for answers without a readable body.
    static let documentedMeaning: [Int: String] = [
        400: "malformed payload", 401: "unauthorized", 403: "forbidden", 404: "not found",
        413: "payload is too large", 429: "too many requests",
    ]

    /// The `message` (or `error`) text of a JSON error body, if there is one.
    static func vendorMessage(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        for key in ["message", "error", "detail"] {
            if let text = object[key] as? String, !text.isEmpty { return String(text.prefix(300)) }
            if let texts = object[key] as? [String], !texts.isEmpty {
                return String(texts.joined(separator: "; ").prefix(300))
            }
        }
        return nil
    }
}
