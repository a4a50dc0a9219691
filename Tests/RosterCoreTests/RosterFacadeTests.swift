import Foundation
import RosterCore
import Testing

@Suite struct RosterFacadeTests {
    @Test(arguments: [PagingStyle.pageNumber(firstPage: 1), .pageNumberWithTotal(firstPage: 0), .keyset, .nextLink])
    func everyStyleYieldsEveryRecordOnce(_ style: PagingStyle) async throws {
        let records = sampleEnrollments(23)
        let roster = Roster(driver: FakeDriver(style: style, records: records))
        let listing = roster.enrollments(EnrollmentQuery(pageSize: 5))
        #expect(try await ids(listing) == records.map(\.id))
        #expect(listing.report.finished)
        #expect(listing.report.records == 23)
    }

    @Test func recordsSeenOnAnEarlierPageAreDroppedAndCounted() async throws {
        var driver = FakeDriver(records: sampleEnrollments(6))
        // Page 2 starts with the last record of page 1 again, as offset paging does after an insert.
        driver.damage = { request, page in
            guard request.position == .page(2) else { return page }
            var shifted = page
            shifted.records.insert(sampleEnrollment(3, status: .invited), at: 0)
            shifted.records.removeLast()
            return shifted
        }
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 3))
        let got = try await ids(listing)
        #expect(got.count == Set(got).count)
        #expect(listing.report.duplicatesDropped == 1)
    }

    @Test func undeclaredFiltersAreAppliedLocallyAndReported() async throws {
        let records = sampleEnrollments(16)
        let driver = FakeDriver(records: records, serverFilters: [.status])
        let query = EnrollmentQuery(statuses: [.enrolled, .completed], search: "ØVREBØ 1")
        let listing = Roster(driver: driver).enrollments(query)
        let got = try await ids(listing)
        #expect(got == records.filter { query.matches($0, on: query.filters) }.map(\.id))
        #expect(!got.isEmpty)
        #expect(listing.report.serverFilters == [.status])
        #expect(listing.report.localFilters == [.search])
        #expect(
            driver.log.requests.allSatisfy { $0.query.search == nil && $0.query.statuses == [.enrolled, .completed] })
    }

    @Test(arguments: [PagingStyle.pageNumber(firstPage: 1), .keyset, .nextLink])
    func aSavedCheckpointResumesAfterACrash(_ style: PagingStyle) async throws {
        let records = sampleEnrollments(11)
        let roster = Roster(driver: FakeDriver(style: style, records: records))
        let query = EnrollmentQuery(pageSize: 3)
        var firstRun: [EnrollmentID] = []
        var saved = Data()
        do {
            let listing = roster.enrollments(query)
            for try await record in listing {
                firstRun.append(record.id)
                saved = try JSONEncoder().encode(listing.checkpoint)
                if firstRun.count == 5 { break }  // the process "crashes" here
            }
        }
        let checkpoint = try JSONDecoder().decode(ListingCheckpoint.self, from: saved)
        let rest = try await ids(roster.enrollments(query, resumingFrom: checkpoint))
        #expect(firstRun + rest == records.map(\.id))
    }

    @Test func resumingWithAnotherQueryIsRefused() async throws {
        let roster = Roster(driver: FakeDriver(records: sampleEnrollments(4)))
        let listing = roster.enrollments(EnrollmentQuery(pageSize: 2))
        var iterator = listing.makeAsyncIterator()
        _ = try await iterator.next()
        let checkpoint = try #require(listing.checkpoint)
        await #expect {
            _ = try await ids(roster.enrollments(EnrollmentQuery(pageSize: 3), resumingFrom: checkpoint))
        } throws: {
            ($0 as? RosterError)?.code == .invalidArgument
        }
    }

    @Test func perCourseVendorsAreWalkedCourseByCourseAndResumeAtTheNextCourse() async throws {
        let records = sampleEnrollments(4, course: "c1") + sampleEnrollments(3, course: "c2", from: 10)
        var driver = FakeDriver(records: records, operations: [.listEnrollments, .listCourses], listsPerCourse: true)
        driver.courses = [Course(id: "c1"), Course(id: "c2")]
        let roster = Roster(driver: driver)
        let listing = roster.enrollments(EnrollmentQuery(pageSize: 2))
        #expect(try await ids(listing) == records.map(\.id))
        #expect(listing.report.coursesWalked == 2)
        #expect(driver.log.requests.allSatisfy { $0.query.course != nil })

        var partial: [EnrollmentID] = []
        var checkpoint: ListingCheckpoint?
        let interrupted = roster.enrollments(EnrollmentQuery(pageSize: 2))
        for try await record in interrupted {
            partial.append(record.id)
            checkpoint = interrupted.checkpoint
            if partial.count == 4 { break }
        }
        let rest = try await ids(roster.enrollments(EnrollmentQuery(pageSize: 2), resumingFrom: checkpoint))
        #expect(partial + rest == records.map(\.id))
    }

    @Test func collectFailsLoudlyPastItsCap() async throws {
        let roster = Roster(driver: FakeDriver(records: sampleEnrollments(5)))
        #expect(try await roster.enrollments().collect(max: 5).count == 5)
        await #expect { _ = try await roster.enrollments().collect(max: 4) } throws: {
            ($0 as? ListingLimitExceeded)?.limit == 4
        }
    }

    @Test func anAuthenticationFailureSurfacesOnTheFirstNextBeforeAnyRecord() async throws {
        var driver = FakeDriver(records: sampleEnrollments(5))
        driver.failure = { _ in throw RosterError(.unauthenticated, "bad key") }
        var iterator = Roster(driver: driver).enrollments().makeAsyncIterator()
        await #expect { _ = try await iterator.next() } throws: {
            let error = $0 as? RosterError
            return error?.code == .unauthenticated && error?.provider == "fake"
        }
        #expect(try await iterator.next() == nil)
    }

    @Test func invalidQueriesFailBeforeAnyRequest() async throws {
        let driver = FakeDriver(records: sampleEnrollments(3), maxPageSize: 10)
        let roster = Roster(driver: driver)
        let now = Date()
        let bad = [
            EnrollmentQuery(pageSize: 0), EnrollmentQuery(pageSize: 11),
            EnrollmentQuery(updatedSince: now, updatedBefore: now.addingTimeInterval(-1)),
            EnrollmentQuery(createdSince: now, createdBefore: now.addingTimeInterval(-1)),
            EnrollmentQuery(search: "  "),
            EnrollmentQuery(course: ""),
        ]
        for query in bad {
            await #expect { _ = try await ids(roster.enrollments(query)) } throws: {
                ($0 as? RosterError)?.code == .invalidArgument
            }
        }
        #expect(driver.log.requests.isEmpty)
    }

    @Test func singleRecordOperationsCheckCapabilitiesAndArguments() async throws {
        let plain = Roster(
            driver: FakeDriver(
                records: sampleEnrollments(2), operations: [.listEnrollments, .getEnrollment, .updateEnrollment],
                writable: [.cancelled]))
        await #expect { try await plain.update("e0001", with: EnrollmentUpdate()) } throws: {
            ($0 as? RosterError)?.code == .invalidArgument
        }
        await #expect { try await plain.update("e0001", with: EnrollmentUpdate(status: .completed)) } throws: {
            ($0 as? RosterError)?.code == .unsupported
        }
        await #expect { try await plain.unenroll("e0001") } throws: { ($0 as? RosterError)?.code == .unsupported }
        await #expect { try await plain.enrollment("nope") } throws: {
            ($0 as? RosterError)?.code == .notFound && ($0 as? RosterError)?.provider == "fake"
        }
        #expect(try await plain.enrollment("e0002").id == "e0002")
        let perCourse = Roster(
            driver: FakeDriver(records: [], operations: [.listEnrollments, .getEnrollment], listsPerCourse: true))
        await #expect { try await perCourse.enrollment("e0001") } throws: {
            ($0 as? RosterError)?.code == .invalidArgument
        }
    }

    @Test func foreignErrorsAreWrappedAndCancellationPassesThrough() async throws {
        struct Odd: Error {}
        var decoding = FakeDriver(records: sampleEnrollments(2))
        decoding.failure = { _ in
            throw DecodingError.keyNotFound(
                AnyCodingKey("id"), .init(codingPath: [AnyCodingKey(0)], debugDescription: "no id"))
        }
        await #expect { _ = try await ids(Roster(driver: decoding).enrollments()) } throws: {
            let error = $0 as? RosterError
            return error?.code == .decoding && error?.jsonPath == "$[0].id" && error?.provider == "fake"
        }
        var odd = FakeDriver(records: sampleEnrollments(2))
        odd.failure = { _ in throw Odd() }
        await #expect { _ = try await ids(Roster(driver: odd).enrollments()) } throws: {
            ($0 as? RosterError)?.code == .unavailable
        }
        var cancelled = FakeDriver(records: sampleEnrollments(2))
        cancelled.failure = { _ in throw CancellationError() }
        await #expect(throws: CancellationError.self) { _ = try await ids(Roster(driver: cancelled).enrollments()) }
    }

    @Test func cancellingTheConsumerStopsFetching() async throws {
        // One page at a time (the concurrent case, with requests in flight, is in ConcurrentPagingTests).
        let driver = FakeDriver(records: sampleEnrollments(20))
        let listing = Roster(driver: driver, listingPolicy: .sequential).enrollments(EnrollmentQuery(pageSize: 2))
        let task = Task { () -> (any Error)? in
            var seen = 0
            do {
                for try await _ in listing {
                    seen += 1
                    if seen == 3 { withUnsafeCurrentTask { $0?.cancel() } }
                }
                return nil
            } catch { return error }
        }
        #expect(await task.value is CancellationError)
        #expect(driver.log.requests.count == 2)
    }

    @Test func aChangingTotalIsReportedAsDrift() async throws {
        var driver = FakeDriver(style: .pageNumberWithTotal(firstPage: 1), records: sampleEnrollments(9))
        driver.damage = { request, page in
            var changed = page
            if request.position == .page(3) { changed.total = 11 }
            return changed
        }
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 3))
        _ = try await ids(listing)
        #expect(listing.report.firstReportedTotal == 9)
        // Page 3 says 11, so page 4 is fetched; it says 9 again: two changes, no net drift. The drift
        // makes the facade re-read once; the repair pass sees the same changes and nothing new.
        #expect(
            listing.report.totalChanges.map { [$0.page, $0.from, $0.to] }
                == [[3, 9, 11], [4, 11, 9], [3, 9, 11], [4, 11, 9]])
        #expect(listing.report.countDrift == 0)
        #expect(listing.report.countDriftUp == 4 && listing.report.countDriftDown == 4)
        #expect(listing.report.repairPasses == 1 && listing.report.recordsFoundByRepair == 0)
        #expect(listing.report.records == 9)
    }
}

/// A coding key built from a string or an index.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init(_ int: Int) {
        stringValue = String(int)
        intValue = int
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}
