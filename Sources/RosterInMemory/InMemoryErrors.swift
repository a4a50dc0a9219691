import Foundation
import RosterCore
import RosterHTTP

/// Maps the in-memory API's error answers to `RosterError`: the standard status mapping, with the
/// message taken from the body's `error.message`.
enum InMemoryErrors {
    @Sendable static func map(_ response: HTTPResponse, _ request: HTTPRequest) -> RosterError? {
        guard var error = VendorAPI.standardErrorMapping(response, request) else { return nil }
        if let body = try? JSONNesting.decode(Body.self, from: response.body) {
            error.message = body.error.message
        }
        return error
    }

    private struct Body: Decodable {
        struct Detail: Decodable {
            var code: String
            var message: String
        }
        var error: Detail
    }
}
