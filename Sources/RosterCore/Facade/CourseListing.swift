/// A lazy listing of courses: an `AsyncSequence` that fetches pages on demand, de-duplicates by id,
/// repairs drift like an enrollment listing, and applies the title search locally.
public struct CourseListing<Driver: RosterDriver>: AsyncSequence, Sendable {
    public typealias Element = Course

    let roster: Roster<Driver>
    let query: CourseQuery

    public func makeAsyncIterator() -> Iterator { Iterator(roster: roster, query: query) }

    /// Collects every course, failing with `ListingLimitExceeded` rather than truncating.
    public func collect(max: Int) async throws -> [Course] {
        var all: [Course] = []
        for try await course in self {
            if all.count == max { throw ListingLimitExceeded(limit: max) }
            all.append(course)
        }
        return all
    }

    /// Walks course pages on demand.
    public struct Iterator: AsyncIteratorProtocol {
        let roster: Roster<Driver>
        let query: CourseQuery
        private var segment: PagedSegment<CourseQuery, Course>?
        private var started = false
        private var buffer: [Course] = []
        private var index = 0

        init(roster: Roster<Driver>, query: CourseQuery) {
            self.roster = roster
            self.query = query
        }

        public mutating func next() async throws -> Course? {
            do {
                while true {
                    try Task.checkCancellation()
                    if index < buffer.count {
                        index += 1
                        return buffer[index - 1]
                    }
                    if !started {
                        started = true
                        let caps = roster.capabilities
                        guard caps.supports(.listCourses) else { throw roster.driver.unsupported(.listCourses) }
                        if let size = query.pageSize, !(1...caps.maxPageSize).contains(size) {
                            throw RosterError(
                                .invalidArgument, "page size \(size) is outside 1...\(caps.maxPageSize)",
                                provider: roster.provider)
                        }
                        let driver = roster.driver
                        segment = PagedSegment(
                            query: query, style: caps.coursePaging, limit: query.pageSize ?? caps.defaultPageSize,
                            policy: roster.listingPolicy, fetch: { try await driver.fetchCourses($0) })
                    }
                    guard let page = try await segment?.nextPage() else { return nil }
                    let needle = query.search?.lowercased()
                    buffer = page.fresh.filter { course in
                        guard let needle, !needle.isEmpty else { return true }
                        return course.title?.lowercased().contains(needle) == true
                    }
                    index = 0
                }
            } catch {
                segment = nil
                buffer = []
                throw roster.wrap(error)
            }
        }
    }
}
