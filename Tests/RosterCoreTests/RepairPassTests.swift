import Foundation
import RosterCore
import Testing

/// Exactly-once under change: page-number and offset listings that drift are re-read, and every
/// record present for the whole listing is yielded exactly once — also across a resume.
@Suite struct RepairPassTests {
    static let shiftingStyles: [PagingStyle] = [.pageNumber(firstPage: 1), .pageNumberWithTotal(firstPage: 1), .nextLink]

    /// 12 records at 3 per page; after page 1 a yielded record is deleted (everything shifts left, so
    /// offset paging skips one) and one is inserted at the end; after page 2 a record not yet
    /// yielded is deleted.
    func churningDriver(_ style: PagingStyle) -> ChurningDriver {
        let driver = ChurningDriver(style: style, records: sampleEnrollments(12))
        driver.afterFetch = { number, store in
            switch number {
            case 1:
                store.remove("e0001")
                store.append(sampleEnrollment(100))
            case 2:
                store.remove("e0011")
            default: break
            }
        }
        return driver
    }

    @Test(arguments: shiftingStyles + [.keyset])
    func everyRecordPresentThroughoutIsYieldedExactlyOnce(_ style: PagingStyle) async throws {
        let driver = churningDriver(style)
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 3))
        let got = try await ids(listing)
        let throughout = Set(sampleEnrollments(12).map(\.id)).subtracting(["e0001", "e0011"])
        #expect(Set(got).count == got.count, "a record was yielded twice")
        #expect(throughout.isSubset(of: Set(got)), "missed: \(throughout.subtracting(got).sorted())")
        #expect(Set(got).isSubset(of: Set(sampleEnrollments(12).map(\.id) + ["e0100"])))
        if style == .keyset {
            #expect(listing.report.repairPasses == 0)
        } else {
            #expect(listing.report.repairPasses >= 1)
            #expect(listing.report.repairPages > 0 && listing.report.pages > listing.report.repairPages)
        }
    }

    @Test(arguments: shiftingStyles)
    func theSameListingWithoutRepairWouldHaveMissedARecord(_ style: PagingStyle) async throws {
        // Proves the churn above is a real hazard: the first pass alone misses e0004 (shifted onto
        // page 1 after it was read), and a repair pass finds it.
        let driver = churningDriver(style)
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 3))
        _ = try await ids(listing)
        #expect(listing.report.recordsFoundByRepair >= 1)
    }

    @Test(arguments: shiftingStyles)
    func resumingAtAnyPointOfADriftingListingStaysExactlyOnce(_ style: PagingStyle) async throws {
        let query = EnrollmentQuery(pageSize: 3)
        let full = try await ids(Roster(driver: churningDriver(style)).enrollments(query))
        for cut in 1...full.count {
            let driver = churningDriver(style)
            let roster = Roster(driver: driver)
            var first: [EnrollmentID] = []
            var saved: ListingCheckpoint?
            let listing = roster.enrollments(query)
            for try await record in listing {
                first.append(record.id)
                saved = listing.checkpoint
                if first.count == cut { break }
            }
            let checkpoint = try JSONDecoder().decode(
                ListingCheckpoint.self, from: try JSONEncoder().encode(try #require(saved)))
            let rest = try await ids(roster.enrollments(query, resumingFrom: checkpoint))
            let all = first + rest
            #expect(Set(all).count == all.count, "cut \(cut) in \(style): a record twice: \(all)")
            let throughout = Set(sampleEnrollments(12).map(\.id)).subtracting(["e0001", "e0011"])
            #expect(throughout.isSubset(of: Set(all)), "cut \(cut) in \(style): missed \(throughout.subtracting(all))")
        }
    }

    @Test(arguments: [PagingStyle.pageNumber(firstPage: 1), .nextLink])
    func aLastPageHoldingOnlyAShiftedRecordIsRepairedNotRefused(_ style: PagingStyle) async throws {
        // 7 records at 3 per page. After page 2 a record is inserted ahead of them all and the last one
        // is deleted: e0006 shifts onto page 3, which then holds nothing but a record already listed
        // and ends the walk. That is drift (the re-read finds e0000), not a loop; it used to fail the
        // listing.
        let driver = ChurningDriver(style: style, records: sampleEnrollments(7))
        driver.afterFetch = { number, store in
            if number == 2 {
                store.append(sampleEnrollment(0))
                store.remove("e0007")
            }
        }
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 3))
        let got = try await ids(listing)
        #expect(Set(got).count == got.count, "a record was yielded twice: \(got)")
        let throughout = Set(sampleEnrollments(6).map(\.id))
        #expect(throughout.isSubset(of: Set(got)), "missed: \(throughout.subtracting(got).sorted())")
        #expect(got.contains("e0000"), "the repair pass did not find the inserted record")
        #expect(listing.report.repairPasses >= 1)
    }

    @Test func aListingThatNeverStopsDriftingFailsLoudlyAfterTheRepairLimit() async throws {
        let driver = ChurningDriver(style: .pageNumberWithTotal(firstPage: 1), records: sampleEnrollments(9))
        driver.afterFetch = { number, store in store.append(sampleEnrollment(100 + number)) }
        let roster = Roster(driver: driver, listingPolicy: ListingPolicy(maxRepairPasses: 2))
        await #expect { try await ids(roster.enrollments(EnrollmentQuery(pageSize: 3))) } throws: { error in
            (error as? RosterError)?.code == .inconsistentPaging
                && (error as? RosterError)?.message.contains("kept changing") == true
        }
        #expect(driver.fetches < 60)
    }

    @Test func alwaysVerifyReReadsAQuietListingOnceAndYieldsNothingTwice() async throws {
        let driver = ChurningDriver(style: .nextLink, records: sampleEnrollments(7))
        let roster = Roster(driver: driver, listingPolicy: ListingPolicy(verification: .always))
        let listing = roster.enrollments(EnrollmentQuery(pageSize: 3))
        let got = try await ids(listing)
        #expect(got == sampleEnrollments(7).map(\.id))
        #expect(listing.report.repairPasses == 1 && listing.report.pages == 6 && listing.report.repairPages == 3)
        let quiet = Roster(driver: ChurningDriver(style: .nextLink, records: sampleEnrollments(7)))
            .enrollments(EnrollmentQuery(pageSize: 3))
        _ = try await ids(quiet)
        #expect(quiet.report.repairPasses == 0 && quiet.report.pages == 3)
    }

    @Test func aTotalThatIsTooLowNeitherCutsTheListingNorPassesUnreported() async throws {
        let driver = ChurningDriver(style: .pageNumberWithTotal(firstPage: 1), records: sampleEnrollments(8))
        driver.reportedTotal = { _ in 3 }
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 3))
        let got = try await ids(listing)
        #expect(got == sampleEnrollments(8).map(\.id))
        #expect(listing.report.countMismatches.first.map { [$0.distinct, $0.total] } == [8, 3])
    }

    @Test func aCourseListingThatDriftsIsRepairedSoNoCourseIsMissed() async throws {
        let records = (1...4).flatMap { sampleEnrollments(2, course: CourseID("c\($0)"), from: $0 * 10) }
        let driver = ChurningDriver(style: .pageNumberWithTotal(firstPage: 1), records: records, perCourse: true)
        driver.courses = (1...4).map { Course(id: CourseID("c\($0)")) }
        driver.afterCourseFetch = { number, driver in
            // c1 leaves the listing after page 1 was read: c3 shifts onto page 1 and page 2 misses it.
            if number == 1 { driver.courses.removeFirst() }
        }
        let got = try await ids(Roster(driver: driver).enrollments(EnrollmentQuery()))
        #expect(got.contains("e0030") && got.contains("e0031"), "course c3 was missed")
        #expect(Set(got) == Set(records.map(\.id)) && got.count == records.count)
    }
}

/// A driver over a mutable store that changes between pages, for drift tests.
final class ChurningDriver: RosterDriver, @unchecked Sendable {
    let provider: ProviderID = "churn"
    let capabilities: DriverCapabilities
    private let lock = NSLock()
    private var store: Store
    private var courseStore: [Course] = []
    private var fetchCount = 0
    private var courseFetchCount = 0
    /// Runs after enrollment fetch number n (1-based) has been answered.
    var afterFetch: @Sendable (Int, inout Store) -> Void = { _, _ in }
    /// Runs after course fetch number n has been answered.
    var afterCourseFetch: @Sendable (Int, ChurningDriver) -> Void = { _, _ in }
    /// Overrides the total a page reports (page-number-with-total and next-link styles).
    var reportedTotal: (@Sendable (Int) -> Int)?

    /// The records, mutable between fetches.
    struct Store {
        var records: [Enrollment]
        mutating func remove(_ id: EnrollmentID) { records.removeAll { $0.id == id } }
        mutating func append(_ record: Enrollment) { records.append(record) }
    }

    init(style: PagingStyle, records: [Enrollment], perCourse: Bool = false) {
        capabilities = DriverCapabilities(
            operations: [.listEnrollments, .listCourses], enrollmentPaging: style, coursePaging: style,
            defaultPageSize: 2, maxPageSize: 50, serverFilters: [], listsPerCourse: perCourse)
        store = Store(records: records)
    }

    var fetches: Int { lock.withLock { fetchCount } }
    var courses: [Course] {
        get { lock.withLock { courseStore } }
        set { lock.withLock { courseStore = newValue } }
    }

    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        lock.withLock {
            fetchCount += 1
            let matching = store.records.filter { request.query.course == nil || $0.course.id == request.query.course }
                .sorted { $0.id < $1.id }
            var page = FakeDriver.page(of: matching, key: \.id.rawValue, request, style: capabilities.enrollmentPaging)
            if page.total != nil, let reportedTotal { page.total = reportedTotal(fetchCount) }
            afterFetch(fetchCount, &store)
            return page
        }
    }

    func fetchCourses(_ request: PageRequest<CourseQuery>) async throws -> FetchedPage<Course> {
        let (page, number) = lock.withLock {
            courseFetchCount += 1
            return (
                FakeDriver.page(of: courseStore, key: \.id.rawValue, request, style: capabilities.coursePaging),
                courseFetchCount
            )
        }
        afterCourseFetch(number, self)
        return page
    }
}
