import Foundation
public import RosterCore

/// The one way an id becomes part of a URL path. Ids are opaque text — from the caller, the command
/// line or a vendor's own listing — and an id such as `..` would move the request to another
/// resource once a client, proxy or server normalises the path. So every id that goes into a path is
/// checked and encoded here: `/`, `?`, `#` and everything outside RFC 3986's unreserved characters
/// are percent-encoded, and an id that is empty, or that is — or holds as a `/`- or `\`-separated
/// part — `.` or `..`, also after percent-decoding (`%2e`, `%2E%2e`, `%252e`…), is refused with
/// `invalidArgument`. No real vendor id looks like that.
public enum PathSegment {
    /// `id` percent-encoded as one path segment; throws `invalidArgument` for an id refused above.
    public static func encode(_ id: String, provider: ProviderID? = nil) throws -> String {
        try check(id, provider: provider)
        return VendorAPI.encode(id)
    }

    /// Throws `invalidArgument` when `id` may not be put into a path (see `PathSegment`).
    public static func check(_ id: String, provider: ProviderID? = nil) throws {
        if let problem = problem(with: id) {
            throw RosterError(.invalidArgument, "refused the id \"\(id)\": \(problem)", provider: provider)
        }
    }

    /// Why `id` may not be put into a path, or nil when it may.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "an empty id would drop a segment from the request path" }
        var form = id
        // Each round removes one layer of percent-encoding; a few layers cover double-decoding servers.
        for _ in 0..<4 {
            let parts = form.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }
            if parts.contains(where: { $0 == "." || $0 == ".." }) {
                return "\".\" and \"..\" (also percent-encoded) would change the request path"
            }
            guard let decoded = form.removingPercentEncoding, decoded != form else { break }
            form = decoded
        }
        return nil
    }
}
