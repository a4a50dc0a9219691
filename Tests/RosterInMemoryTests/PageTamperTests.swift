import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory
import Testing

/// The hostile-page vocabulary every backend serves: what each tamper cuts from a listing, how a
/// malformed field lands in a body, and how the fault injector numbers the pages it damages.
@Suite struct PageTamperTests {
    let all = Array(1...13)

    @Test func eachTamperCutsTheDamageItNames() {
        let real = PageTamper.selfLink.slice(of: all, start: 3, limit: 3)
        #expect(real.rows == [4, 5, 6] && real.pointsAtItself && real.total == 13)

        let repeated = PageTamper.repeatPreviousPage.slice(of: all, start: 3, limit: 3)
        #expect(repeated.rows == [1, 2, 3] && repeated.pointsAtItself)

        let empty = PageTamper.emptyPageOnward.slice(of: all, start: 3, limit: 3)
        #expect(empty.rows.isEmpty && empty.total == 13 && empty.nextStart == 6)

        let oversized = PageTamper.oversizedPage.slice(of: all, start: 3, limit: 3)
        #expect(oversized.rows == [4, 5, 6, 7])
        #expect(PageTamper.oversizedPage.slice(of: all, start: 12, limit: 3).rows.count == 4, "padded at the end")

        let short = PageTamper.shortPageWithTotalOnward.slice(of: all, start: 3, limit: 3)
        #expect(short.rows == [4, 5] && short.total == 13 && short.nextStart == 6)

        let seen = PageTamper.onlySeenRecords.slice(of: all, start: 6, limit: 3)
        #expect(seen.rows == [1] && seen.nextStart == 9)

        let low = PageTamper.totalTooLow.slice(of: all, start: 3, limit: 3)
        #expect(low.rows == [4, 5, 6] && low.total == 6 && low.nextStart == 6)

        let descending = PageTamper.descendingOrder.slice(of: all, start: 3, limit: 3)
        #expect(descending.rows == [6, 5, 4] && !descending.pointsAtItself)

        let last = PageTamper.malformedField(record: 0, path: ["x"]).slice(of: all, start: 12, limit: 3)
        #expect(last.rows == [13] && last.nextStart == nil)
    }

    @Test func aMalformedFieldLandsInTheNamedRecordOnly() throws {
        let body = Data(
            #"{"items":[{"status":"a","user":{"email":"x@y.no"}},{"status":"b","user":{"email":"z@y.no"}}],"total":2}"#
                .utf8)
        let damaged = PageTamper.malformedField(record: 1, path: ["user", "email"]).malform(body, recordsAt: ["items"])
        let object = try #require(try JSONSerialization.jsonObject(with: damaged) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect((items[0]["user"] as? [String: Any])?["email"] as? String == "x@y.no")
        #expect((items[1]["user"] as? [String: Any])?["email"] is [String: Any], "a scalar becomes an object")
        let whole = PageTamper.malformedField(record: 0, path: ["user"]).malform(body, recordsAt: ["items"])
        let wholeObject = try JSONSerialization.jsonObject(with: whole) as? [String: Any]
        let first = try #require((wholeObject?["items"] as? [[String: Any]])?.first)
        #expect(first["user"] as? String == "malformed", "an object becomes a string")
        #expect(PageTamper.malformedField(record: 5, path: ["status"]).malform(body, recordsAt: ["items"]) == body)
        #expect(PageTamper.emptyPageOnward.malform(body, recordsAt: ["items"]) == body)
    }

    @Test func theInjectorNumbersListPagesFromThePlanAndStopsARunaway() async throws {
        let injector = FaultInjector(
            plan: FaultPlan(pageTampering: [0: .selfLink, 2: .oversizedPage], refuseRequestsAfter: 2),
            clock: VirtualClock()
        ) { _ in Data("{}".utf8) }
        #expect(injector.takePageTamper() == .selfLink)
        #expect(injector.takePageTamper() == .oversizedPage)
        #expect(injector.takePageTamper() == .selfLink)
        injector.setPlan(FaultPlan(pageTampering: [1: .descendingOrder]))
        #expect(injector.takePageTamper() == .descendingOrder, "a new plan counts its pages from 1")
        #expect(injector.takePageTamper() == nil)

        injector.setPlan(FaultPlan(refuseRequestsAfter: 1))
        let request = HTTPRequest(method: .get, url: URL(string: "https://example.test/x")!)
        let ok = try await injector.handle(request) { _ in HTTPResponse(status: 200) }
        let refused = try await injector.handle(request) { _ in HTTPResponse(status: 200) }
        #expect(ok.status == 200 && refused.status == 400)
    }

    @Test func theInMemoryAPIServesEachStyleDamagedInItsOwnShape() async throws {
        let provider = InMemoryProvider(
            courses: 1, enrollmentsPerCourse: 7, paging: .nextLink, faults: FaultPlan(pageTampering: [1: .selfLink]),
            clock: VirtualClock())
        let listing = provider.roster.enrollments(EnrollmentQuery(pageSize: 3))
        let error = await #expect(throws: RosterError.self) { _ = try await listing.collect(max: 100) }
        #expect(error?.code == .inconsistentPaging)
        #expect(provider.injector.requestCount == 2, "page 1 points at itself; following it once shows the repeat")
        let revoked = InMemoryProvider(courses: 1, enrollmentsPerCourse: 2, clock: VirtualClock())
        revoked.store.revoke(token: revoked.token)
        let refusal = await #expect(throws: RosterError.self) {
            _ = try await revoked.roster.enrollments().collect(max: 10)
        }
        #expect(refusal?.code == .unauthenticated)
    }
}
