import Foundation
import RosterCore
import RosterHTTP

/// Frontcore's error answers as `RosterError`s. The only documented body is `{"error": "Wrong API
/// Key"}` (and `"Invalid API key"` on another endpoint), with no documented HTTP status: a key error
/// is `unauthenticated` whatever the status, even 200. Everything else follows the standard mapping
/// (404 → notFound, 429 → rateLimited, 5xx → unavailable), with the vendor's message appended.
enum FrontcoreErrors {
    /// The mapper `VendorAPI` calls for every response.
    @Sendable static func map(_ response: HTTPResponse, _ request: HTTPRequest) -> RosterError? {
        let message = errorMessage(in: response.body)
        if let message, message.lowercased().contains("api key") {
            return RosterError(
                .unauthenticated, "Frontcore refused the API key (\"\(message)\")", httpStatus: response.status)
        }
        guard var error = VendorAPI.standardErrorMapping(response, request) else { return nil }
        if let message { error.message += ": \(message)" }
        return error
    }

    /// The `error` text of a small `{"error": "…"}` body; nil for anything else. Cheap for list pages:
    /// only a short body that starts with `{` is parsed.
    static func errorMessage(in body: Data) -> String? {
        guard body.count <= 2048, body.first(where: { !isWhitespace($0) }) == UInt8(ascii: "{") else { return nil }
        struct ErrorBody: Decodable { var error: String? }
        return (try? JSONNesting.decode(ErrorBody.self, from: body))?.error
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
