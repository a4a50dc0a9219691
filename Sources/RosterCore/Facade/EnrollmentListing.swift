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
        private var segmentTotal: Int?
        private var segmentPages = 0
        private var buffer: [Enrollment] = []
        private var bufferIndex = 0
        private var bufferIDs: [EnrollmentID] = []
        private var bufferPosition: PagePosition = .start
        private var seen: Set<EnrollmentID> = []
        private var skipOnFirstPage: Set<EnrollmentID> = []
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
                    if bufferIndex < buffer.count {
                        state.noteYield(count: bufferIndex)
                    } else {
                        state.update { $0.records += 1 }
                        saveCheckpoint()
                    }
                    return record
                }
                if finished { return nil }
                if !started { try await start() }
                if segment == nil {
                    if courses != nil {
                        guard let course = courses?.first else { return finish() }
                        courses?.removeFirst()
                        beginSegment(course: course, at: .start)
                    } else {
                        return finish()
                    }
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
                skipOnFirstPage = Set(checkpoint.yieldedOnPage)
                seen = skipOnFirstPage
                courses = checkpoint.remainingCourses
                if let course = checkpoint.currentCourse {
                    beginSegment(course: course, at: checkpoint.position)
                } else if courses == nil {
                    beginSegment(course: nil, at: checkpoint.position)
                }
                return
            }
            if capabilities.listsPerCourse && query.course == nil {
                let walked = try await roster.allCourses(counters: counters)
                courses = walked.map(\.id)
                courseTitles = Dictionary(walked.compactMap { c in c.title.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
            } else {
                beginSegment(course: nil, at: .start)
            }
        }

        private mutating func beginSegment(course: CourseID?, at position: PagePosition) {
            var segmentQuery = serverQuery
            if let course { segmentQuery.course = course }
            currentCourse = course
            segmentTotal = nil
            segmentPages = 0
            if course != nil { state.update { $0.coursesWalked += 1 } }
            let driver = roster.driver
            segment = PagedSegment(
                query: segmentQuery, style: roster.capabilities.enrollmentPaging, limit: limit, resumingAt: position,
                fetch: { try await driver.fetchEnrollments($0) })
        }

        private mutating func fetchPage() async throws {
            let seenSoFar = seen
            let page = try await ListingCounters.$current.withValue(counters) {
                try await segment!.nextPage(newRecords: { page in
                    page.records.reduce(0) { $0 + (seenSoFar.contains($1.id) ? 0 : 1) }
                })
            }
            if segment?.position == nil { segment = nil }
            guard let page else { return }
            segmentPages += 1
            var kept: [Enrollment] = []
            var duplicates = 0
            var filtered = 0
            for var record in page.fetched.records {
                if skipOnFirstPage.contains(record.id) { continue }
                if record.course.title == nil, let title = courseTitles[record.course.id] { record.course.title = title }
                guard seen.insert(record.id).inserted else {
                    duplicates += 1
                    continue
                }
                if localFilters.isEmpty || query.matches(record, on: localFilters) {
                    kept.append(record)
                } else {
                    filtered += 1
                }
            }
            skipOnFirstPage = []
            let total = page.fetched.total
            let skipped = page.fetched.skipped
            let previousTotal = segmentTotal
            let pageNumber = segmentPages
            let course = currentCourse
            let retries = counters.retries
            state.update { report in
                report.pages += 1
                report.duplicatesDropped += duplicates
                report.filteredOutLocally += filtered
                report.nonRecordsSkipped += skipped
                report.retries = retries
                if let total {
                    if pageNumber == 1 {
                        report.firstReportedTotal = (report.firstReportedTotal ?? 0) + total
                    } else if let previousTotal, previousTotal != total {
                        report.totalChanges.append(.init(course: course, page: pageNumber, from: previousTotal, to: total))
                    }
                }
            }
            if let total { segmentTotal = total }
            buffer = kept
            bufferIDs = kept.map(\.id)
            bufferIndex = 0
            bufferPosition = page.position
            saveCheckpoint()
        }

        private mutating func finish() -> Enrollment? {
            finished = true
            let retries = counters.retries
            state.update {
                $0.finished = true
                $0.retries = retries
            }
            state.setCheckpoint(nil)
            return nil
        }

        private func saveCheckpoint() {
            let consumedAll = bufferIndex >= buffer.count
            if consumedAll, let next = segment?.position {
                state.setCheckpoint(
                    ListingCheckpoint(query: query, remainingCourses: courses, currentCourse: currentCourse,
                                      position: next, yieldedOnPage: []))
            } else if consumedAll, segment == nil {
                // This walk is done: resume at the next course (or at the end).
                guard let nextCourse = courses?.first else {
                    state.setCheckpoint(
                        ListingCheckpoint(query: query, remainingCourses: courses.map { _ in [] },
                                          currentCourse: nil, position: bufferPosition,
                                          yieldedOnPage: bufferIDs))
                    return
                }
                state.setCheckpoint(
                    ListingCheckpoint(query: query, remainingCourses: Array(courses!.dropFirst()),
                                      currentCourse: nextCourse, position: .start, yieldedOnPage: []))
            } else {
                state.setCheckpoint(
                    ListingCheckpoint(query: query, remainingCourses: courses, currentCourse: currentCourse,
                                      position: bufferPosition, yieldedOnPage: []),
                    yielded: bufferIndex, of: bufferIDs)
            }
        }
    }
}
