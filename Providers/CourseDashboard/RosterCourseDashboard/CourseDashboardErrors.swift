import Foundation
public import RosterCore
public import RosterHTTP

/// Turns Course Dashboard error answers into `RosterError`s: the portable code from the status, the
/// message and per-field details from the `{"errors":[{code, message, field, messages}]}` body (or
/// DRF's `{"detail": …}`), and a hint on 401 and 403.
public enum CourseDashboardErrors {
    /// The hint attached to every 403.
    public static let permissionHint =
        "the token's user must be the creator or a manager of the course (the dashboard endpoints need that role)"

    /// The error for `response`, or nil for a success.
    @Sendable public static func map(_ response: HTTPResponse, _ request: HTTPRequest) -> RosterError? {
        guard var error = VendorAPI.standardErrorMapping(response, request) else { return nil }
        let body = try? JSONNesting.decode(CourseDashboardErrorBody.self, from: response.body)
        let items = body?.errors ?? []
        error.fieldErrors = items.map { item in
            FieldError(code: item.code, field: item.field, messages: item.messages ?? item.message.map { [$0] } ?? [])
        }
        let vendorMessage = items.compactMap(\.message).first ?? body?.detail
        switch response.status {
        case 401:
            error.message = "the community refused the bearer token (missing, expired or revoked)"
        case 403:
            error.message = "permission denied: " + permissionHint
        default:
            break
        }
        // The vendor's words are said once: field errors carry their own messages (the error's
        // description lists them), so only a message no field error carries joins the sentence.
        if let vendorMessage, !error.fieldErrors.contains(where: { $0.messages.contains(vendorMessage) }) {
            error.message += " — \(vendorMessage)"
        }
        return error
    }
}
