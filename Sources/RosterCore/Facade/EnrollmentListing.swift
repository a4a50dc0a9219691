import Foundation

/// A lazy listing of enrollments: an `AsyncSequence` that fetches pages as the caller iterates. Under
/// the facade's `ListingPolicy` it fetches a few pages ahead of the caller (and, when it walks every
/// course, the next courses' first pages), yet hands out records in the same order as a sequential
/// listing: vendor order within a course, courses in the order of the course listing. Nothing is
/// fetched before the first `next()`; cancelling the iterating task, or dropping the iterator,
/// cancels every request in flight. Each pass starts afresh (or from the checkpoint it was made
/// with); `report` and `checkpoint` describe the latest pass, and a checkpoint never counts a record
/// the caller has not received.
public struct EnrollmentListing<Driver: RosterDriver>: AsyncSequence, Sendable {
    public typealias Element = Enrollment

    let roster: Roster<Driver>
    let query: EnrollmentQuery
    let resumeFrom: ListingCheckpoint?
    let latest = LatestListingState()

    /// The consistency report of the latest pass (the most recently made iterator), up to where it has
    /// got. Each iterator also has its own `report`.
    public var report: ListingReport { latest.state.report }

    /// Where the latest pass stands: save it to resume after a crash. Nil before the first page and
    /// after the end. With several passes at once, read each iterator's own `checkpoint` instead.
    public var checkpoint: ListingCheckpoint? { latest.state.checkpoint }

    /// Collects every record, failing with `ListingLimitExceeded` rather than truncating when there
    /// are more than `max`.
    public func collect(max: Int) async throws -> [Enrollment] {
        var all: [Enrollment] = []
        for try await record in self {
            if all.count == max { throw ListingLimitExceeded(limit: max) }
            all.append(record)
        }
        return all
    }

    public func makeAsyncIterator() -> Iterator {
        let state = ListingState()
        latest.state = state
        return Iterator(roster: roster, query: query, resumeFrom: resumeFrom, state: state)
    }

    /// Walks pages (and courses, for per-course vendors) on demand.
    public struct Iterator: AsyncIteratorProtocol {
        let roster: Roster<Driver>
        let query: EnrollmentQuery
        let resumeFrom: ListingCheckpoint?
        let state: ListingState
        let counters = ListingCounters()
        /// The fetchers of the current walk and of the courses fetched ahead.
        let ahead = WalksAhead<EnrollmentQuery, Enrollment>()

        /// This pass's consistency report, up to where it has got.
        public var report: ListingReport { state.report }
        /// Where this pass stands (nil before the first page and after the end).
        public var checkpoint: ListingCheckpoint? { state.checkpoint }

        private var started = false
        private var finished = false
        private var courses: [CourseID]?
        /// Titles from the course listing of a walk, put on records whose vendor sends none.
        private var courseTitles: [CourseID: String] = [:]
        private var currentCourse: CourseID?
        private var segment: PagedSegment<EnrollmentQuery, Enrollment>?
        private var buffer: [Enrollment] = []
        private var bufferIndex = 0
        private var localFilters: Set<EnrollmentFilter> = []
        private var serverQuery = EnrollmentQuery()
        private var limit = 0

        init(roster: Roster<Driver>, query: EnrollmentQuery, resumeFrom: ListingCheckpoint?, state: ListingState) {
            self.roster = roster
            self.query = query
            self.resumeFrom = resumeFrom
            self.state = state
        }

        public mutating func next() async throws -> Enrollment? {
            let ahead = self.ahead
            do {
                return try await ListingCounters.$current.withValue(counters) {
                    try await withTaskCancellationHandler {
                        try await step()
                    } onCancel: {
                        ahead.cancelAll()
                    }
                }
            } catch let error as CancellationError {
                ahead.cancelAll()
                throw error
            } catch {
                finished = true
                ahead.cancelAll()
                throw roster.wrap(error)
            }
        }

        private mutating func step() async throws -> Enrollment? {
            while true {
                try Task.checkCancellation()
                if bufferIndex < buffer.count {
                    let record = buffer[bufferIndex]
                    bufferIndex += 1
                    state.noteYield(consumed: bufferIndex, of: buffer.count)
                    return record
                }
                if finished { return nil }
                if !started { try await start() }
                if segment == nil {
                    guard let course = courses?.first else { return finish() }
                    courses?.removeFirst()
                    beginWalk(course: course)
                }
                try await fetchPage()
            }
        }

        private mutating func start() async throws {
            started = true
            state.reset()
            try roster.validate(query)
            let capabilities = roster.capabilities
            var server = capabilities.serverFilters
            if capabilities.listsPerCourse { server.insert(.course) }
            let wanted = query.filters
            let narrowing = capabilities.narrowingFilters.subtracting(server)
            localFilters = wanted.subtracting(server)
            serverQuery = query.keeping(only: wanted.intersection(server.union(narrowing)))
            limit = query.pageSize ?? capabilities.defaultPageSize
            state.update {
                $0.serverFilters = wanted.intersection(server).sorted()
                $0.localFilters = localFilters.sorted()
                $0.narrowedOnServer = wanted.intersection(narrowing).sorted()
            }

            if let checkpoint = resumeFrom {
                guard checkpoint.query == query else {
                    throw RosterError(.invalidArgument, "the checkpoint was saved for a different query")
                }
                courses = checkpoint.remainingCourses
                guard !checkpoint.walkFinished else { return }
                if checkpoint.currentCourse != nil || checkpoint.remainingCourses == nil {
                    beginWalk(
                        course: checkpoint.currentCourse, at: checkpoint.position, progress: checkpoint.walk,
                        yielded: checkpoint.yieldedInWalk ?? checkpoint.yieldedOnPage,
                        skipOnFirstPage: checkpoint.yieldedOnPage)
                }
                return
            }
            if capabilities.listsPerCourse && query.course == nil {
                let walked = try await roster.allCourses(counters: counters)
                courses = walked.map(\.id)
                courseTitles = Dictionary(
                    walked.compactMap { c in c.title.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
            } else {
                beginWalk(course: nil)
            }
        }

        private mutating func beginWalk(
            course: CourseID?, at position: PagePosition = .start, progress: WalkProgress = WalkProgress(),
            yielded: [EnrollmentID] = [], skipOnFirstPage: [EnrollmentID] = []
        ) {
            let walkQuery = query(for: course)
            currentCourse = course
            if course != nil { state.update { $0.coursesWalked += 1 } }
            let fetcher = (position == .start ? ahead.take(walkQuery) : nil) ?? fetcher(for: walkQuery)
            ahead.begin(fetcher)
            segment = PagedSegment(
                query: walkQuery, style: roster.capabilities.enrollmentPaging, limit: limit,
                policy: roster.listingPolicy, resumingAt: position, progress: progress, yielded: SeenIDs(yielded),
                skipOnFirstPage: Set(skipOnFirstPage), fetcher: fetcher)
            fetchCoursesAhead()
        }

        /// The server query of the walk over `course` (or the whole listing).
        private func query(for course: CourseID?) -> EnrollmentQuery {
            var walkQuery = serverQuery
            if let course { walkQuery.course = course }
            return walkQuery
        }

        private func fetcher(for walkQuery: EnrollmentQuery) -> PageFetcher<EnrollmentQuery, Enrollment> {
            let driver = roster.driver
            return PageFetcher(
                query: walkQuery, style: roster.capabilities.enrollmentPaging, limit: limit,
                window: roster.listingPolicy.pagesInFlight, fetch: { try await driver.fetchEnrollments($0) })
        }

        /// Starts the walks of the next courses (up to the policy's `coursesInFlight`, counting the
        /// current one), so their first pages are on their way while this course is handed out.
        private func fetchCoursesAhead() {
            let policy = roster.listingPolicy
            guard policy.pagesInFlight > 1, policy.coursesInFlight > 1, let courses else { return }
            for course in courses.prefix(policy.coursesInFlight - 1) {
                let walkQuery = query(for: course)
                if ahead.has(walkQuery) { continue }
                let fetcher = fetcher(for: walkQuery)
                ahead.add(fetcher)
                fetcher.prime()
            }
        }

        private mutating func fetchPage() async throws {
            guard var walk = segment else { return }
            let page = try await walk.nextPage()
            segment = walk.position == nil ? nil : walk
            guard let page else { return }
            var kept: [Enrollment] = []
            kept.reserveCapacity(page.fresh.count)
            var filtered = 0
            for var record in page.fresh {
                if record.course.title == nil, let title = courseTitles[record.course.id] { record.course.title = title }
                if localFilters.isEmpty || query.matches(record, on: localFilters) {
                    kept.append(record)
                } else {
                    filtered += 1
                }
            }
            let retries = counters.retries
            let course = currentCourse
            state.update { report in
                report.pages += 1
                report.filteredOutLocally += filtered
                report.retries = retries
                report.omittedByDriver += page.fetched.omitted
                if page.pass == 0 {
                    report.duplicatesDropped += page.repeats
                    if let total = page.fetched.total, walk.progressBeforeLatestPage.pagesInPass == 0 {
                        report.firstReportedTotal = (report.firstReportedTotal ?? 0) + total
                    }
                } else {
                    report.repairPages += 1
                    report.recordsFoundByRepair += page.fresh.count
                    if walk.progressBeforeLatestPage.pagesInPass == 0 { report.repairPasses += 1 }
                }
                if let ended = page.endedPass, let total = ended.lastTotal,
                    ended.distinctInPass + ended.omittedInPass != total
                {
                    report.countMismatches.append(
                        .init(course: course, pass: ended.pass, distinct: ended.distinctInPass + ended.omittedInPass,
                              total: total))
                }
                if let change = page.totalChange {
                    report.totalChanges.append(
                        .init(course: course, page: walk.progressBeforeLatestPage.pagesInPass + 1, from: change.from,
                              to: change.to))
                }
            }
            buffer = kept
            bufferIndex = 0
            state.setWalk(
                WalkCheckpointSource(
                    query: query, remainingCourses: courses, currentCourse: currentCourse, page: page.position,
                    progressBeforePage: walk.progressBeforeLatestPage, progressAfterPage: walk.progress,
                    nextPosition: walk.position, freshOnPage: page.fresh.map(\.id), keptOnPage: kept.map(\.id),
                    yielded: roster.capabilities.enrollmentPaging == .keyset ? nil : walk.yielded))
        }

        private mutating func finish() -> Enrollment? {
            finished = true
            ahead.cancelAll()
            let retries = counters.retries
            state.update {
                $0.finished = true
                $0.retries = retries
            }
            state.setWalk(nil)
            return nil
        }
    }
}

/// The walks of a listing: the one under way and those started ahead for the next courses, waiting
/// to be taken when their course's turn comes. Cancelling it (or dropping the listing's iterator)
/// cancels every page any of them fetches.
final class WalksAhead<Query: Sendable & Hashable, Record: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var current: PageFetcher<Query, Record>?
    private var waiting: [Query: PageFetcher<Query, Record>] = [:]
    private var cancelled = false

    deinit {
        current?.cancelAll()
        for fetcher in waiting.values { fetcher.cancelAll() }
    }

    /// True when a walk of `query` is waiting.
    func has(_ query: Query) -> Bool { lock.withLock { waiting[query] != nil } }

    /// Adds a walk started ahead.
    func add(_ fetcher: PageFetcher<Query, Record>) {
        let late = lock.withLock {
            if !cancelled { waiting[fetcher.query] = fetcher }
            return cancelled
        }
        if late { fetcher.cancelAll() }
    }

    /// The waiting walk of `query`, if any.
    func take(_ query: Query) -> PageFetcher<Query, Record>? {
        lock.withLock { waiting.removeValue(forKey: query) }
    }

    /// Makes `fetcher` the walk under way.
    func begin(_ fetcher: PageFetcher<Query, Record>) {
        let late = lock.withLock {
            current = fetcher
            return cancelled
        }
        if late { fetcher.cancelAll() }
    }

    /// Cancels the walk under way and every walk started ahead.
    func cancelAll() {
        let fetchers = lock.withLock {
            cancelled = true
            defer { waiting.removeAll() }
            return Array(waiting.values) + (current.map { [$0] } ?? [])
        }
        for fetcher in fetchers { fetcher.cancelAll() }
    }
}
