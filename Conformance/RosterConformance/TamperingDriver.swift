import Foundation
import RosterCore

/// Wraps a provider's driver and damages its enrollment pages the way a misbehaving vendor would, so
/// that the loop guards can be tested against every provider's real pages and paging style. It also
/// stops any listing after `fetchLimit` pages, so a missing guard fails the case instead of hanging it.
struct TamperingDriver<Base: RosterDriver>: RosterDriver {
    /// How pages are damaged.
    enum Tamper: Sendable {
        /// Every page is the first page again (same records, same cursor or link).
        case repeatFirstPage
        /// Pages after the first are empty but keep the real page's total, key and link.
        case emptyPageOnward
        /// The first page carries one record more than asked for.
        case oversizedPage
    }

    /// Thrown when a listing goes on past `fetchLimit` pages: the guard under test did not fire.
    /// (The facade wraps it, so cases detect the runaway through `fetchCount`.)
    struct RunawayListing: Error {}

    let base: Base
    let tamper: Tamper
    let fetchLimit = 200
    private let fetches = Counter()

    init(base: Base, tamper: Tamper) {
        self.base = base
        self.tamper = tamper
    }

    var provider: ProviderID { base.provider }
    var capabilities: DriverCapabilities { base.capabilities }
    /// Enrollment pages fetched so far.
    var fetchCount: Int { fetches.value }

    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        let number = fetches.increment()
        if number > fetchLimit { throw RunawayListing() }
        switch tamper {
        case .repeatFirstPage:
            return try await base.fetchEnrollments(
                PageRequest(query: request.query, position: .start, limit: request.limit))
        case .emptyPageOnward:
            var page = try await base.fetchEnrollments(request)
            if number > 1 {
                page.lastKey = page.lastKey ?? "tampered"
                page.records = []
            }
            return page
        case .oversizedPage:
            var page = try await base.fetchEnrollments(request)
            if let first = page.records.first { page.records.append(first) }
            return page
        }
    }

    func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        try await base.fetchCourses(request)
    }

    /// A thread-safe counter.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() -> Int {
            lock.withLock {
                count += 1
                return count
            }
        }
        var value: Int { lock.withLock { count } }
    }
}
