import Foundation
import FrontcoreSimulator
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// The simulator as the vendor documents its API, and the adapter working against it.
@Suite struct FrontcoreSimulatorTests {
    private func get(_ simulator: FrontcoreSimulator, _ pathAndQuery: String, key: String? = nil) async -> HTTPResponse
    {
        var request = HTTPRequest(method: .get, url: URL(string: "https://api.frontcore.com/v2" + pathAndQuery)!)
        request.headers["X-API-Key"] = key ?? simulator.apiKey
        return await simulator.handle(request)
    }

    private func ids(_ response: HTTPResponse) throws -> [Int] {
        let array = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])
        return array.compactMap { $0["id"] as? Int }
    }

    @Test func listsAreBareArraysWithTheDocumentedLimits() async throws {
        let simulator = FrontcoreSimulator(participants: 300)
        #expect(try ids(await get(simulator, "/participants")).count == 75)
        #expect(try ids(await get(simulator, "/participants?limit=1000")).count == 250)
        let page2 = try ids(await get(simulator, "/participants?limit=250&page=2"))
        #expect(page2.count == 50)
        let newestFirst = try ids(await get(simulator, "/participants?limit=5"))
        #expect(newestFirst == newestFirst.sorted(by: >))
        let all = simulator.participantIDs()
        #expect(try ids(await get(simulator, "/participants?since_id=\(all[9])&limit=3")) == Array(all[10..<13]))
    }

    @Test func wrongKeysGetTheVendorsErrorBody() async {
        let simulator = FrontcoreSimulator()
        let response = await get(simulator, "/participants", key: "nope")
        #expect(response.status == 401)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":"Wrong API Key"}"#)
    }

    @Test func servesTheSameHandlerUnderALoopbackBase() async throws {
        let simulator = FrontcoreSimulator(participants: 3)
        var request = HTTPRequest(method: .get, url: URL(string: "http://127.0.0.1:8080/v2/participants")!)
        request.headers["X-API-Key"] = simulator.apiKey
        #expect(try ids(await simulator.handle(request)).count == 3)
    }

    @Test func attendanceIsIncludedOnRequest() async throws {
        let simulator = FrontcoreSimulator(participants: 2)
        let response = await get(simulator, "/participants?include%5B%5D=attendance")
        let array = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])
        #expect(array.allSatisfy { $0["attendance"] is [Any] })
    }

    @Test func fullListingThroughTheFacadeHoldsEveryParticipantOnce() async throws {
        let simulator = FrontcoreSimulator(participants: 120)
        let roster = try TestDrivers.roster(simulator)
        let all = try await roster.enrollments(EnrollmentQuery(pageSize: 25)).collect(max: 500)
        #expect(all.map(\.id.rawValue) == simulator.participantIDs().map(String.init))
        #expect(Set(all.map(\.course.id)).count == 4)
        #expect(all.contains { $0.learner.email == nil && $0.learner.rawEmail != nil })  // the "Larsen" quirk
        #expect(all.contains { $0.learner.displayName?.contains(where: { "æøåÆØÅ".contains($0) }) == true })
        #expect(all.allSatisfy { $0.session?.location != nil })
    }

    @Test(arguments: [
        EnrollmentQuery(course: "22454"), EnrollmentQuery(session: "12747584"), EnrollmentQuery(organization: "32731"),
        EnrollmentQuery(updatedSince: instant("2020-10-15T00:00:00Z")),
        EnrollmentQuery(createdBefore: instant("2020-09-16T00:00:00Z")),
    ])
    func serverFiltersSelectExactlyWhatTheLocalSemanticsSelect(_ query: EnrollmentQuery) async throws {
        let simulator = FrontcoreSimulator(participants: 120)
        let roster = try TestDrivers.roster(simulator)
        let everything = try await roster.enrollments().collect(max: 500)
        let expected = everything.filter { query.matches($0, on: query.filters) }.map(\.id)
        let listing = roster.enrollments(query)
        let filtered = try await listing.collect(max: 500)
        #expect(!expected.isEmpty)
        #expect(filtered.map(\.id) == expected)
        #expect(listing.report.localFilters.isEmpty)
        #expect(listing.report.filteredOutLocally == 0)
    }

    @Test func aLearnerFilterFindsTheirBookings() async throws {
        let simulator = FrontcoreSimulator(participants: 40)
        let roster = try TestDrivers.roster(simulator)
        let someone = try #require(try await roster.enrollments().collect(max: 100).last)
        let theirs = try await roster.enrollments(EnrollmentQuery(learner: someone.learner.id)).collect(max: 100)
        #expect(theirs.map(\.id) == [someone.id])
    }

    @Test func anUpdateThroughTheFacadeChangesTheSimulatorAndTheReturnedRecord() async throws {
        let simulator = FrontcoreSimulator(participants: 10)
        let roster = try TestDrivers.roster(simulator)
        let id = try #require(simulator.participantIDs().first)
        let updated = try await roster.update(
            EnrollmentID(String(id)),
            with: EnrollmentUpdate(
                status: .cancelled, passed: true, paymentCode: "1", customProperties: ["kilde": "Nettside ÆØÅ"]))
        #expect(updated.status == .cancelled)
        #expect(updated.passed == true)
        #expect(updated.payment?.isPaid == true)
        #expect(updated.customProperties?["kilde"] == .some("Nettside ÆØÅ"))
        let stored = try #require(simulator.snapshot(ofParticipant: id))
        #expect(stored.statusID == 4 && stored.passed && stored.paidID == 1)
        #expect(stored.customProperties?["kilde"] == .some("Nettside ÆØÅ"))
        let reread = try await roster.enrollment(EnrollmentID(String(id)))
        #expect(reread.status == .cancelled)

        let error = await #expect(throws: RosterError.self) {
            try await roster.update(EnrollmentID(String(id)), with: EnrollmentUpdate(status: .inProgress))
        }
        #expect(error?.code == .unsupported)
        #expect(simulator.snapshot(ofParticipant: id)?.statusID == 4)
    }

    @Test func thePUTAcceptsAJSONBodyToo() async throws {
        let simulator = FrontcoreSimulator(participants: 3)
        let id = try #require(simulator.participantIDs().last)
        var request = HTTPRequest(
            method: .put, url: URL(string: "https://api.frontcore.com/v2/participants/\(id)")!,
            headers: ["X-API-Key": simulator.apiKey, "Content-Type": "application/json"],
            body: Data(#"{"idStatus": 7, "completed": true, "custom_properties": {"a": "b"}}"#.utf8))
        #expect(await simulator.handle(request).status == 200)
        #expect(simulator.snapshot(ofParticipant: id)?.statusID == 7)
        #expect(simulator.snapshot(ofParticipant: id)?.completed == true)
        request.body = Data(#"{"idStatus": 6}"#.utf8)
        #expect(await simulator.handle(request).status == 400)
    }

    @Test func keysetListingsSurviveInsertsAndDeletesBetweenPages() async throws {
        let simulator = FrontcoreSimulator(participants: 100, faults: FaultPlan(insertsPerPage: 2, deletesPerPage: 2))
        let before = Set(simulator.participantIDs())
        let roster = try TestDrivers.roster(simulator)
        let listed = try await roster.enrollments(EnrollmentQuery(pageSize: 10)).collect(max: 1000).map {
            Int($0.id.rawValue)!
        }
        let survivors = before.intersection(simulator.participantIDs())
        #expect(Set(listed).isSuperset(of: survivors))
        #expect(listed.count == Set(listed).count)
        #expect(survivors.count < before.count)
    }

    @Test func pageNumberListingsRepairWhatDeletesMadeThemSkip() async throws {
        // Why keyset is the default: under page numbers a deletion shifts survivors onto pages already
        // read. The first pass misses them; the facade re-reads (page numbers carry no total, so a
        // deletion leaves no trace) and finds them, at the cost of the extra pages.
        let simulator = FrontcoreSimulator(participants: 100, faults: FaultPlan(deletesPerPage: 3, churnPages: 4))
        let before = Set(simulator.participantIDs())
        let roster = try TestDrivers.roster(simulator, paging: .pageNumber)
        let listing = roster.enrollments(EnrollmentQuery(pageSize: 10))
        let records = try await listing.collect(max: 1000)
        let listed = Set(records.map { Int($0.id.rawValue)! })
        let survivors = before.intersection(simulator.participantIDs())
        #expect(survivors.isSubset(of: listed))
        #expect(listed.count == records.count)
        #expect(listing.report.recordsFoundByRepair > 0, "the first pass alone would have missed survivors")
    }

    @Test func throttlingAnd503BurstsAreRetriedOnTheVirtualClock() async throws {
        let clock = VirtualClock()
        let simulator = FrontcoreSimulator(
            participants: 30,
            faults: FaultPlan(throttled: [1], retryAfter: .httpDate(secondsAhead: 3), unavailable: [3, 4]),
            clock: clock)
        let roster = try TestDrivers.roster(simulator, clock: clock)
        let listing = roster.enrollments(EnrollmentQuery(pageSize: 10))
        #expect(try await listing.collect(max: 100).count == 30)
        #expect(simulator.injector.requests.map(\.status).prefix(4) == [429, 200, 503, 503])
        #expect(clock.recordedSleeps.contains(3))
    }

    @Test func theEnforcedRateLimitIsKeptByTheClientBudget() async throws {
        let clock = VirtualClock()
        let simulator = FrontcoreSimulator(
            participants: 60, faults: FaultPlan(enforcedRateLimit: RateLimit(requests: 5, per: 1)), clock: clock,
            apiKey: "own-budget-\(UUID().uuidString)")
        let roster = try TestDrivers.roster(simulator, clock: clock)
        #expect(try await roster.enrollments(EnrollmentQuery(pageSize: 5)).collect(max: 100).count == 60)
        #expect(simulator.injector.requests.allSatisfy { $0.status == 200 })
    }

    @Test func legalBasesListFromTheSimulator() async throws {
        let simulator = FrontcoreSimulator(participants: 60)
        let driver = try TestDrivers.roster(simulator).driver
        var all: [FrontcoreLegalBasis] = []
        for try await basis in driver.legalBases(FrontcoreLegalBasisQuery(pageSize: 7)) { all.append(basis) }
        #expect(all.count == 20)
        #expect(all.map { Int($0.id)! } == all.map { Int($0.id)! }.sorted())
        #expect(all.allSatisfy { $0.legalBasis?.title == "Samtykke" && $0.user != nil })
        #expect(all.contains { $0.deletedAt != nil })
        #expect(all.contains { $0.user?.organization?.registrationNumber != nil })
    }

    @Test func theSameSeedGivesTheSameData() async {
        let a = await get(FrontcoreSimulator(seed: 9), "/participants?limit=250")
        let b = await get(FrontcoreSimulator(seed: 9), "/participants?limit=250")
        let c = await get(FrontcoreSimulator(seed: 10), "/participants?limit=250")
        #expect(a.body == b.body)
        #expect(a.body != c.body)
    }
}
