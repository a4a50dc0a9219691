import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory
import Testing

@Suite struct InMemoryProviderTests {
    @Test func theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        let a = InMemoryProvider(seed: 5, courses: 2, enrollmentsPerCourse: 10).store.enrollments
        let b = InMemoryProvider(seed: 5, courses: 2, enrollmentsPerCourse: 10).store.enrollments
        let c = InMemoryProvider(seed: 6, courses: 2, enrollmentsPerCourse: 10).store.enrollments
        #expect(a == b)
        #expect(a.map(\.learner) != c.map(\.learner))
    }

    @Test func generatedDataIsRealisticAndCoversEveryStatusAndRole() async throws {
        let provider = InMemoryProvider(seed: 3, courses: 3, enrollmentsPerCourse: 12)
        let records = try await provider.roster.enrollments().collect(max: 1000)
        #expect(records.count == 36)
        #expect(Set(records.map(\.course.id)).count == 3)
        #expect(Set(records.map(\.status)) == Set(EnrollmentStatus.known))
        #expect(Set(records.map(\.role)) == Set(EnrollmentRole.known))
        #expect(records.contains { $0.learner.displayName?.unicodeScalars.contains { !$0.isASCII } == true })
        #expect(records.allSatisfy { $0.learner.email != nil && $0.timestamps.updatedAt != nil })
        #expect(records.filter { $0.status == .completed }.allSatisfy { $0.completionRate == 100 })
    }

    @Test func aWrongTokenIsUnauthenticatedAndNeverShown() async throws {
        let provider = InMemoryProvider(courses: 1, enrollmentsPerCourse: 2, credential: "not-the-token-123")
        do {
            _ = try await provider.roster.enrollments().collect(max: 10)
            Issue.record("a wrong token was accepted")
        } catch let error as RosterError {
            #expect(error.code == .unauthenticated)
            #expect(error.httpStatus == 401)
            #expect(error.message == "missing or wrong bearer token")
            #expect(!String(reflecting: error).contains("not-the-token-123"))
        }
        #expect(provider.observer.lines.allSatisfy { !$0.contains("not-the-token-123") })
    }

    @Test func theHandlerRefusesBadPagingAndUnknownRoutes() {
        let store = InMemoryStore()
        let handler = InMemoryHandler(store: store, token: "tok-1234", paging: .keyset)
        func get(_ path: String) -> Int {
            let url = URL(string: InMemoryAPI.defaultBaseURL.absoluteString + path)!
            return handler.respond(
                to: HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer tok-1234"])
            ).status
        }
        #expect(get("/enrollments?limit=101") == 400)
        #expect(get("/enrollments?limit=x") == 400)
        #expect(get("/enrollments?after=abc") == 400)
        #expect(get("/enrollments?updated_since=yesterday") == 400)
        #expect(get("/nothing") == 404)
        #expect(get("/enrollments/42") == 404)
        #expect(get("/enrollments?limit=5") == 200)
    }

    @Test func nextLinksAreAbsoluteAndKeepTheFilters() async throws {
        let provider = InMemoryProvider(courses: 2, enrollmentsPerCourse: 9, paging: .nextLink)
        let query = EnrollmentQuery(course: "course-2", emails: [], search: nil, pageSize: 4)
        let records = try await provider.roster.enrollments(query).collect(max: 100)
        #expect(records.count == 9)
        let offsets = provider.injector.requests.map { $0.query["offset"]?.first }
        #expect(offsets == ["0", "4", "8"])
        #expect(provider.injector.requests.allSatisfy { $0.query["course"] == ["course-2"] })
    }

    @Test func faultPlanChurnChangesTheStoreBetweenPages() async throws {
        let provider = InMemoryProvider(
            courses: 1, enrollmentsPerCourse: 6, paging: .keyset,
            faults: FaultPlan(insertsPerPage: 2, deletesPerPage: 1))
        let listing = provider.roster.enrollments(EnrollmentQuery(pageSize: 3))
        let records = try await listing.collect(max: 100)
        #expect(Set(records.map(\.id)).count == records.count)
        #expect(records.count > 6)  // keyset paging sees the records inserted after it started
        #expect(provider.store.enrollments.count == 6 + listing.report.pages)
    }

    @Test func updatesWriteStatusFlagsAndRefuseWhatTheAPICannotStore() async throws {
        let provider = InMemoryProvider(courses: 1, enrollmentsPerCourse: 3)
        let roster = provider.roster
        let done = try await roster.update(
            "1", with: EnrollmentUpdate(completed: true, passed: true, paymentCode: "paid"))
        #expect(done.status == .completed)
        #expect(done.completionRate == 100)
        #expect(done.passed == true)
        #expect(done.payment?.isPaid == true)
        await #expect { try await roster.update("1", with: EnrollmentUpdate(customProperties: ["a": "b"])) } throws: {
            ($0 as? RosterError)?.code == .unsupported
        }
        await #expect { try await roster.update("999", with: EnrollmentUpdate(status: .cancelled)) } throws: {
            ($0 as? RosterError)?.code == .notFound
        }
    }

    @Test func theStoreIsSafeUnderConcurrentWrites() async {
        let store = InMemoryStore()
        let learner = InMemoryLearner(id: "u-1")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask { store.insert(.init(courseID: "c", learner: learner)) }
            }
        }
        let ids = store.enrollments.map(\.id)
        #expect(ids.count == 200)
        #expect(Set(ids).count == 200)
        #expect(ids.compactMap(Int.init) == Array(1...200))
    }
}
