import Foundation
import RosterHTTP

/// Error answers in the body the official SDK's formatter reads,
/// `{"errors":[{code, message, field, messages}]}`, with DRF's wording.
extension CourseDashboardSimulator {
    /// The vendor's error body for `status`, as the fault injector sends it.
    static func errorBody(status: Int) -> Data {
        let (code, message): (String, String) =
            switch status {
            case 400: ("invalid", "Invalid input.")
            case 401: ("not_authenticated", "Authentication credentials were not provided.")
            case 403: ("permission_denied", "You do not have permission to perform this action.")
            case 404: ("not_found", "Not found.")
            case 429: ("throttled", "Request was throttled.")
            default: ("server_error", "A server error occurred.")
            }
        return encode(ErrorJSON(errors: [.init(code: code, message: message)]))
    }

    /// DRF's 404.
    static var notFound: HTTPResponse { error(404, code: "not_found", message: "Not found.") }

    /// DRF's 403, as a caller who is not the course's creator or a manager gets it.
    static var forbidden: HTTPResponse {
        error(403, code: "permission_denied", message: "You do not have permission to perform this action.")
    }

    /// An error answer with one entry; a `field` entry also carries `messages`.
    static func error(_ status: Int, code: String, message: String, field: String? = nil) -> HTTPResponse {
        json(
            ErrorJSON(errors: [.init(code: code, message: message, field: field, messages: field.map { _ in [message] })]),
            status: status)
    }
}

/// A 400 with the field it is about.
struct SimulatorBadRequest: Error {
    var field: String
    var message: String

    /// DRF's complaint about a field that is not a valid integer.
    static func integerRequired(_ field: String) -> SimulatorBadRequest {
        SimulatorBadRequest(field: field, message: "A valid integer is required.")
    }

    /// DRF's complaint about a primary key that names no user.
    static func unknownUser(_ id: Int, field: String) -> SimulatorBadRequest {
        SimulatorBadRequest(field: field, message: "Invalid pk \"\(id)\" - object does not exist.")
    }

    var response: HTTPResponse {
        CourseDashboardSimulator.error(400, code: "invalid", message: message, field: field)
    }
}
