import Foundation
import RosterHTTP

/// One query parameter: a name and one value, or a list for `[in]` filters.
struct MeltingspotQueryItem: Hashable, Sendable {
    var name: String
    var values: [String]

    init(_ name: String, _ value: String) {
        self.name = name
        self.values = [value]
    }

    init(_ name: String, list: [String]) {
        self.name = name
        self.values = list
    }

    /// `name=v1,v2`: names and values percent-encoded strictly (brackets as `%5B%5D`, `+` as `%2B`,
    /// `@` as `%40`), the list separator left as a literal comma. Query parsers of the qs family
    /// split lists before decoding, so an encoded `%2C` would reach the vendor as one value.
    var encoded: String {
        VendorAPI.encode(name) + "=" + values.map(VendorAPI.encode).joined(separator: ",")
    }
}

/// The endpoint paths, with every id percent-encoded as one path segment by `PathSegment` (ids are
/// opaque; `.`, `..` and their encoded forms are refused with `invalidArgument`, also when a course id
/// comes from the vendor's own course listing).
enum MeltingspotPaths {
    static let courses = "/courses"
    static let spotMembers = "/spotMembers"

    static func participants(course: String) throws -> String { "/courses/\(try segment(course))/participants" }
    static func participant(_ id: String, course: String) throws -> String {
        try participants(course: course) + "/" + segment(id)
    }
    static func bulkInvite(course: String) throws -> String { try participants(course: course) + "~bulkInvite" }
    static func spotMember(_ id: String) throws -> String { spotMembers + "/" + (try segment(id)) }

    static func segment(_ id: String) throws -> String {
        try PathSegment.encode(id, provider: MeltingspotEnrollmentMapping.provider)
    }
}

extension VendorAPI {
    /// `path` under the base URL with `items` as its query, encoded as `MeltingspotQueryItem` says.
    func url(_ path: String, items: [MeltingspotQueryItem]) -> URL {
        let bare = url(path)
        guard !items.isEmpty else { return bare }
        return URL(string: bare.absoluteString + "?" + items.map(\.encoded).joined(separator: "&"))!
    }
}
