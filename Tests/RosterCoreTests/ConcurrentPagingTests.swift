import Foundation
import RosterCore
import Testing

/// Fetching pages (and courses) ahead of the caller changes when requests go out, never what the
/// caller gets: the same records in the same order, each once, checkpoints that never count a record
/// the caller has not received, and cancellation that reaches every request in flight.
@Suite struct ConcurrentPagingTests {
    static let styles: [PagingStyle] = [.pageNumber(firstPage: 1), .pageNumberWithTotal(firstPage: 1), .keyset, .nextLink]
    static let concurrent = ListingPolicy(pagesInFlight: 4, coursesInFlight: 3)

    /// 5 courses of 7 records (one empty course in the middle), pages of 2; later pages answer faster
    /// than earlier ones, so pages fetched ahead arrive out of order.
    func driver(_ style: PagingStyle, perCourse: Bool = false) -> LatencyDriver {
        let records = (1...5).filter { $0 != 3 }.flatMap { sampleEnrollments(7, course: CourseID("c\($0)"), from: $0 * 100) }
        let driver = LatencyDriver(style: style, records: records, perCourse: perCourse)
        driver.courses = (1...5).map { Course(id: CourseID("c\($0)")) }
        driver.delay = { request in
            switch request.position {
            case .start: 0.004
            case .page(let n): Double(max(0, 6 - n)) * 0.002
            default: 0.002
            }
        }
        return driver
    }

    @Test(arguments: styles, [false, true])
    func recordsComeInTheSequentialOrderEachOnce(_ style: PagingStyle, perCourse: Bool) async throws {
        let sequential = try await ids(
            Roster(driver: driver(style, perCourse: perCourse), listingPolicy: .sequential)
                .enrollments(EnrollmentQuery(pageSize: 2)))
        let fast = driver(style, perCourse: perCourse)
        let listing = Roster(driver: fast, listingPolicy: Self.concurrent).enrollments(EnrollmentQuery(pageSize: 2))
        let got = try await ids(listing)
        #expect(sequential.count == 28)
        #expect(got == sequential)
        #expect(listing.report.finished && listing.report.records == 28 && listing.report.duplicatesDropped == 0)
        try await fast.waitUntil { $0.inFlight == 0 }
        #expect(fast.cancelled == fast.started - fast.finished)
    }

    @Test func pagesWhosePositionTheTotalFixesAreFetchedAtOnce() async throws {
        // Page 3 is answered only once page 4 has been asked for: a walk that waited for each page
        // before asking for the next would stall here (and, after the time-out, be caught by the count).
        let driver = LatencyDriver(style: .pageNumberWithTotal(firstPage: 1), records: sampleEnrollments(20))
        driver.hold = { request in
            guard request.position == .page(3) else { return nil }
            return { later in later.position == .page(4) }
        }
        let listing = Roster(driver: driver, listingPolicy: Self.concurrent).enrollments(EnrollmentQuery(pageSize: 2))
        #expect(try await ids(listing) == sampleEnrollments(20).map(\.id))
        #expect(driver.rendezvousMet == 1)
        #expect(driver.maxInFlight >= 2 && driver.maxInFlight <= 4)
        #expect(driver.startedPositions.prefix(2) == [.start, .page(2)])  // one page ahead after the first
        // 10 full pages, then the one more a full last page asks for: nothing beyond what the total fixes.
        #expect(driver.started == 11)
    }

    @Test func theNextCoursesAreWalkedWhileTheCurrentOneIsHandedOut() async throws {
        let driver = driver(.pageNumberWithTotal(firstPage: 1), perCourse: true)
        // The first course's first page is answered only once another course's first page is asked for.
        driver.hold = { request in
            guard request.query.course == "c1", request.position == .start else { return nil }
            return { later in later.query.course != "c1" }
        }
        driver.delay = { _ in 0 }
        let listing = Roster(driver: driver, listingPolicy: Self.concurrent).enrollments(EnrollmentQuery(pageSize: 2))
        let got = try await ids(listing)
        #expect(got.count == 28 && Set(got).count == 28)
        #expect(driver.rendezvousMet >= 1)
        #expect(listing.report.coursesWalked == 5)
        // Course after course, in the order of the course listing.
        let courses = got.map { Int($0.rawValue.dropFirst().prefix(2))! }
        #expect(courses == courses.sorted())
    }

    @Test(arguments: styles)
    func aPageRepeatingRecordsIsDeduplicatedWhileLaterPagesAreInFlight(_ style: PagingStyle) async throws {
        let sequential = try await ids(
            Roster(driver: repeatingDriver(style), listingPolicy: .sequential).enrollments(EnrollmentQuery(pageSize: 3)))
        let listing = Roster(driver: repeatingDriver(style), listingPolicy: Self.concurrent)
            .enrollments(EnrollmentQuery(pageSize: 3))
        let got = try await ids(listing)
        #expect(got == sequential)
        #expect(got.count == Set(got).count && got.count == 11)
        #expect(listing.report.duplicatesDropped == 1)
    }

    func repeatingDriver(_ style: PagingStyle) -> LatencyDriver {
        let driver = LatencyDriver(style: style, records: sampleEnrollments(12))
        driver.delay = { _ in 0.001 }
        driver.damage = { request, page in
            // The second page starts with the last record of the first again (an insertion shifted it).
            guard request.position != .start, page.records.count == 3, page.records.first?.id == "e0004" else {
                return page
            }
            var shifted = page
            shifted.records.insert(sampleEnrollment(3), at: 0)
            shifted.records.removeLast()
            return shifted
        }
        return driver
    }

    @Test(arguments: styles, [false, true])
    func aCheckpointTakenWhilePagesAreFetchedAheadResumesExactly(_ style: PagingStyle, perCourse: Bool) async throws {
        let query = EnrollmentQuery(pageSize: 2)
        let all = try await ids(
            Roster(driver: driver(style, perCourse: perCourse), listingPolicy: .sequential).enrollments(query))
        for cut in [1, 2, 3, 7, 8, 15, 27, 28] {
            let source = driver(style, perCourse: perCourse)
            let roster = Roster(driver: source, listingPolicy: Self.concurrent)
            let listing = roster.enrollments(query)
            var iterator = listing.makeAsyncIterator()
            var first: [EnrollmentID] = []
            for _ in 0..<cut { first.append(try #require(try await iterator.next()).id) }
            // Let the pages fetched ahead arrive: the checkpoint must still stop at the record handed out.
            try await Task.sleep(nanoseconds: 30_000_000)
            let saved = try #require(iterator.checkpoint ?? listing.checkpoint)
            let checkpoint = try JSONDecoder().decode(ListingCheckpoint.self, from: try JSONEncoder().encode(saved))
            let rest = try await ids(
                Roster(driver: driver(style, perCourse: perCourse), listingPolicy: Self.concurrent)
                    .enrollments(query, resumingFrom: checkpoint))
            #expect(first + rest == all, "cut after \(cut) in \(style), per course: \(perCourse)")
        }
    }

    @Test(arguments: styles, [false, true])
    func cancellingTheConsumerCancelsEveryRequestInFlight(_ style: PagingStyle, perCourse: Bool) async throws {
        let driver = driver(style, perCourse: perCourse)
        // After the first page, requests hang until cancelled.
        driver.delay = { $0.position == .start && $0.query.course.map { $0 == "c1" } != false ? 0 : 60 }
        let listing = Roster(driver: driver, listingPolicy: Self.concurrent).enrollments(EnrollmentQuery(pageSize: 2))
        let consumer = Task { () -> (any Error)? in
            do {
                for try await _ in listing {}
                return nil
            } catch { return error }
        }
        try await driver.waitUntil { $0.inFlight >= 1 && $0.finished >= 1 }
        try await Task.sleep(nanoseconds: 20_000_000)  // every request ahead has gone out
        let startedBefore = driver.started
        consumer.cancel()
        #expect(await consumer.value is CancellationError)
        try await driver.waitUntil { $0.inFlight == 0 }
        #expect(driver.cancelled == startedBefore - driver.finished)
        try await Task.sleep(nanoseconds: 20_000_000)
        #expect(driver.started == startedBefore, "a request was sent after the consumer was cancelled")
    }

    @Test(arguments: styles)
    func droppingTheIteratorCancelsEveryRequestInFlight(_ style: PagingStyle) async throws {
        let driver = driver(style, perCourse: true)
        driver.delay = { $0.position == .start && $0.query.course == "c1" ? 0 : 60 }
        let listing = Roster(driver: driver, listingPolicy: Self.concurrent).enrollments(EnrollmentQuery(pageSize: 2))
        var iterator: EnrollmentListing<LatencyDriver>.Iterator? = listing.makeAsyncIterator()
        _ = try await iterator?.next()
        try await driver.waitUntil { $0.started >= 3 }  // the next page and the next courses' first pages
        iterator = nil
        try await driver.waitUntil { $0.inFlight == 0 }
        #expect(driver.finished == 1)
        #expect(driver.cancelled == driver.started - 1)
    }

    @Test func aSequentialPolicyNeverHasTwoRequestsInFlight() async throws {
        for style in Self.styles {
            let driver = driver(style, perCourse: true)
            _ = try await ids(Roster(driver: driver, listingPolicy: .sequential).enrollments(EnrollmentQuery(pageSize: 2)))
            #expect(driver.maxInFlight == 1, "\(style)")
        }
    }

    @Test func aPolicySavedBeforeConcurrencyExistedDecodesWithTheDefaults() throws {
        let old = #"{"maxPagesPerWalk":10,"maxRepairPasses":2,"verification":"always"}"#
        let policy = try JSONDecoder().decode(ListingPolicy.self, from: Data(old.utf8))
        #expect(policy.pagesInFlight == ListingPolicy.defaultPagesInFlight)
        #expect(policy.coursesInFlight == ListingPolicy.defaultCoursesInFlight)
        #expect(policy.maxRepairPasses == 2 && policy.verification == .always)
        #expect(ListingPolicy(pagesInFlight: 0, coursesInFlight: 1_000).pagesInFlight == 1)
    }
}

/// A driver over an array (paged like `FakeDriver`) whose answers take time, counting requests at
/// the "backend": started, finished, cancelled and how many were in flight at once.
final class LatencyDriver: RosterDriver, @unchecked Sendable {
    let provider: ProviderID = "latency"
    let capabilities: DriverCapabilities
    let records: [Enrollment]
    private let lock = NSLock()
    private var storedCourses: [Course] = []
    private var counts = (started: 0, finished: 0, cancelled: 0, inFlight: 0, maxInFlight: 0, met: 0)
    private var startedRequests: [PageRequest<EnrollmentQuery>] = []
    /// Seconds each request takes (slept, cancellably).
    var delay: @Sendable (PageRequest<EnrollmentQuery>) -> Double = { _ in 0 }
    /// For a request it gives a predicate to: that request is answered only once a request matching
    /// the predicate has started after it (or after 5 s, which leaves `rendezvousMet` unchanged).
    var hold: @Sendable (PageRequest<EnrollmentQuery>) -> (@Sendable (PageRequest<EnrollmentQuery>) -> Bool)? = { _ in nil }
    /// Rewrites each page before it is returned.
    var damage: @Sendable (PageRequest<EnrollmentQuery>, FetchedPage<Enrollment>) -> FetchedPage<Enrollment> = { $1 }

    init(style: PagingStyle, records: [Enrollment], perCourse: Bool = false) {
        capabilities = DriverCapabilities(
            operations: [.listEnrollments, .listCourses], enrollmentPaging: style, coursePaging: style,
            defaultPageSize: 2, maxPageSize: 50, serverFilters: [], listsPerCourse: perCourse)
        self.records = records
    }

    var courses: [Course] {
        get { lock.withLock { storedCourses } }
        set { lock.withLock { storedCourses = newValue } }
    }
    var started: Int { lock.withLock { counts.started } }
    var finished: Int { lock.withLock { counts.finished } }
    var cancelled: Int { lock.withLock { counts.cancelled } }
    var inFlight: Int { lock.withLock { counts.inFlight } }
    var maxInFlight: Int { lock.withLock { counts.maxInFlight } }
    var rendezvousMet: Int { lock.withLock { counts.met } }
    var startedPositions: [PagePosition] { lock.withLock { startedRequests.map(\.position) } }

    /// Polls (every millisecond, up to 10 s) until `condition` holds.
    func waitUntil(_ condition: (LatencyDriver) -> Bool) async throws {
        for _ in 0..<10_000 {
            if condition(self) { return }
            try await Task.sleep(nanoseconds: 1_000_000)
        }
        Issue.record("timed out waiting for the driver")
    }

    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        let startIndex = lock.withLock {
            counts.started += 1
            counts.inFlight += 1
            counts.maxInFlight = max(counts.maxInFlight, counts.inFlight)
            startedRequests.append(request)
            return startedRequests.count
        }
        do {
            if let awaited = hold(request) {
                for _ in 0..<5_000 {
                    let met = lock.withLock { startedRequests.dropFirst(startIndex).contains(where: awaited) }
                    if met {
                        lock.withLock { counts.met += 1 }
                        break
                    }
                    try await Task.sleep(nanoseconds: 1_000_000)
                }
            }
            let seconds = delay(request)
            if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
        } catch {
            lock.withLock {
                counts.cancelled += 1
                counts.inFlight -= 1
            }
            throw error
        }
        let matching = records.filter { request.query.course == nil || $0.course.id == request.query.course }
        let page = damage(request, FakeDriver.page(of: matching, key: \.id.rawValue, request, style: capabilities.enrollmentPaging))
        lock.withLock {
            counts.finished += 1
            counts.inFlight -= 1
        }
        return page
    }

    func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        FakeDriver.page(of: courses, key: \.id.rawValue, request, style: capabilities.coursePaging)
    }
}
