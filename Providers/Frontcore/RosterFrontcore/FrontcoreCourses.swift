import Foundation
public import RosterCore
import RosterHTTP

/// Courses: `GET /courses` (one page) and `GET /courses/:id` (one course). The listing's page shows
/// only `[]` as its example, so its parameters are read as the other list endpoints document them
/// (`page` from 1, `limit` up to 250) and its body is decoded defensively: the documented bare array,
/// or an `{"items": […]}` envelope. Course ids must be positive integers.
extension FrontcoreDriver {
    /// One page of courses, in the server's order (page-number paging, ended by a short page; the
    /// facade re-reads a listing of several pages, since page numbers cannot show a deletion).
    public func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        let page: Int
        switch request.position {
        case .start: page = 1
        case .page(let number) where number >= 1: page = number
        default:
            throw RosterError(
                .invalidArgument, "Frontcore pages courses by page number, not \(request.position)", provider: provider)
        }
        let url = api.url("/courses", query: [("page", String(page)), ("limit", String(request.limit))])
        let (records, raws) = try await fetchList(FrontcoreCourseRecord.self, url)
        return FetchedPage(
            records: try records.enumerated().map { index, record in
                var course = try mapping.course(record, prefix: "$[\(index)]")
                if raws.indices.contains(index) { course.native = NativeRecord(record, raw: raws[index]) }
                return course
            })
    }

    /// One course (`GET /courses/:id`); `notFound` for an id the account does not have. The whole
    /// record is on `native` as `FrontcoreCourseRecord`.
    public func course(_ id: CourseID) async throws -> Course {
        let url = api.url("/courses/\(try Self.positive(id.rawValue, "course"))")
        let response = try await api.send(.get, url)
        try checkStrict(response, .get, url)
        return try mapping.course(
            try api.decode(FrontcoreCourseRecord.self, from: response, for: .get, url), prefix: "$")
    }

    /// `text` as a positive integer id, or `invalidArgument` naming `what`.
    static func positive(_ text: String, _ what: String) throws -> Int {
        guard let number = Int(text), number > 0 else {
            throw RosterError(
                .invalidArgument, "Frontcore \(what) ids are positive integers, not \"\(text)\"",
                provider: FrontcoreParticipantMapping.provider)
        }
        return number
    }
}

/// A course as `GET /courses` and `GET /courses/:id` send it ("Get a course": `id`, `title`,
/// `reference`, `is_active`, `kursguiden_url`, `is_full_time`, …). Only `id` is required; every other
/// field is read when present and leniently (ids and flags as numbers or text, `""` as absent).
public struct FrontcoreCourseRecord: Sendable, Hashable, Decodable {
    /// The course id.
    public var id: FrontcoreInt
    /// The title.
    public var title: String?
    /// The school's own reference code.
    public var reference: String?
    /// True while the course is offered.
    public var isActive: FrontcoreBool?
    /// The course's public page on the booking portal.
    public var kursguidenURL: String?
    /// True for a full-time course.
    public var isFullTime: FrontcoreBool?
    /// Timestamps, where sent (account-local with an offset).
    public var createdAt: String?, updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, title, reference
        case isActive = "is_active"
        case kursguidenURL = "kursguiden_url"
        case isFullTime = "is_full_time"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

extension FrontcoreParticipantMapping {
    /// The neutral course of `record`; a timestamp in no known form is a `decoding` error at `prefix`.
    func course(_ record: FrontcoreCourseRecord, prefix: String) throws -> Course {
        Course(
            id: CourseID(record.id.description), title: record.title.nonBlank, reference: record.reference.nonBlank,
            createdAt: try timestamps.instant(record.createdAt, field: "\(prefix).created_at"),
            updatedAt: try timestamps.instant(record.updatedAt, field: "\(prefix).updated_at"),
            native: NativeRecord(record))
    }
}
