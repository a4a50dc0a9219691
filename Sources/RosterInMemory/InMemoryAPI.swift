public import Foundation

/// The documentation of the in-memory provider's small JSON HTTP API, which `InMemoryHandler` serves
/// and `InMemoryDriver` calls. It is neutral on purpose (no vendor's quirks), but it goes through the
/// same HTTP stack as a vendor, so faults, retries, auth and observation behave exactly as for one.
///
/// Every request carries `Authorization: Bearer <token>`; a missing or wrong token is answered 401.
/// Errors are `{"error": {"code": "...", "message": "..."}}` with a matching HTTP status.
///
/// | request | answer |
/// |---|---|
/// | `GET /v1/courses` + paging | courses `{"id", "title"}` in creation order |
/// | `GET /v1/courses/{id}` | one course, or 404 |
/// | `GET /v1/enrollments` + paging + filters | enrollments (`InMemoryRecord`) in ascending id order |
/// | `GET /v1/enrollments/{id}` | one enrollment, or 404 |
/// | `PATCH /v1/enrollments/{id}` `{"status"?, "completed"?, "passed"?, "paid"?}` (`"completed": true` sets status `completed` and progress 100) | the updated enrollment |
/// | `POST /v1/enrollments` `{"course_id", "learner_id", "role"}` | 201 + the new enrollment, or 200 + the existing one |
/// | `DELETE /v1/enrollments/{id}` | 204, or 404 |
/// | `GET /v1/people` with exactly one of `email` (case-insensitive), `external_id`, `username` (exact) | every person with it, a bare array, unpaged |
/// | `POST /v1/people` `{"email", "first_name"?, "last_name"?, "external_id"?, "username"?}` | 201 + the new person (`{"id", "email", …}`), or 409 when the e-mail is taken |
///
/// Paging, as configured on the handler: `page` (1-based) + `limit` answering a bare array; `page` +
/// `limit` answering `{"items", "total"}`; `after` (the last id seen) + `limit` answering a bare array;
/// or `offset` + `limit` answering `{"count", "next", "results"}` with an absolute `next` link.
/// `limit` is 1 to `maxPageSize`. Enrollment filters (AND-ed; repeatable ones OR within):
/// `course`, `learner`, `status`*, `role`*, `email`* (case-insensitive), `updated_since`,
/// `updated_before` (ISO 8601, inclusive), `search` (case-insensitive text in the name, username or
/// e-mail).
public enum InMemoryAPI {
    /// The status codes the API documents, in lifecycle order.
    public static let statusCodes = [
        "invited", "requested", "pending", "enrolled", "waitlisted", "in_progress", "completed", "cancelled",
    ]
    /// The role codes the API documents.
    public static let roleCodes = ["learner", "manager", "owner"]
    /// The largest `limit` accepted.
    public static let maxPageSize = 100
    /// The base URL the driver uses by default (requests never leave the process).
    public static let defaultBaseURL = URL(string: "https://in-memory.roster.invalid/v1")!

    /// The API's error body for `status`.
    public static func errorBody(status: Int, message: String? = nil) -> Data {
        let code =
            switch status {
            case 400: "invalid_argument"
            case 401: "unauthenticated"
            case 403: "permission_denied"
            case 404: "not_found"
            case 429: "rate_limited"
            default: status >= 500 ? "unavailable" : "error"
            }
        let text = message ?? "HTTP \(status)"
        let body: [String: [String: String]] = ["error": ["code": code, "message": text]]
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
    }
}
