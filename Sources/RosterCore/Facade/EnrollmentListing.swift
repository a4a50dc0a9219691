/// A lazy listing of enrollments: an `AsyncSequence` that fetches a page only when the caller has
/// consumed the previous one. Each pass starts afresh (or from the checkpoint it was made with);
/// `report` and `checkpoint` describe the latest pass.
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
            do {
                return try await step()
            } catch let error as CancellationError {
                throw error
            } catch {
                finished = true
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
            var walkQuery = serverQuery
            if let course { walkQuery.course = course }
            currentCourse = course
            if course != nil { state.update { $0.coursesWalked += 1 } }
            let driver = roster.driver
            segment = PagedSegment(
                query: walkQuery, style: roster.capabilities.enrollmentPaging, limit: limit,
                policy: roster.listingPolicy, resumingAt: position, progress: progress, yielded: SeenIDs(yielded),
                skipOnFirstPage: Set(skipOnFirstPage), fetch: { try await driver.fetchEnrollments($0) })
        }

        private mutating func fetchPage() async throws {
            guard var walk = segment else { return }
            let page = try await ListingCounters.$current.withValue(counters) { try await walk.nextPage() }
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
