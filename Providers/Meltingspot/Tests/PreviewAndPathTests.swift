import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// Ids that would change a request path, from the caller or from the vendor's own course listing.
@Suite struct PreviewAndPathTests {
    @Test func aVendorCourseIdThatIsADotSegmentIsRefusedBeforeAnyRequestUsesIt() async throws {
        let (driver, recorder) = try TestSupport.scripted { request in
            if request.url.path.hasSuffix("/courses") {
                return TestSupport.json(
                    #"{"items":[{"id":"..","title":"Hostile","status":"Published","privacy":"Public"}],"total":1}"#)
            }
            return TestSupport.json(#"{"items":[],"total":0}"#)
        }
        let roster = Roster(driver: driver)
        let error = await #expect(throws: RosterError.self) { _ = try await roster.enrollments().collect(max: 100) }
        #expect(error?.code == .invalidArgument, "\(String(describing: error))")
        #expect(recorder.urls.count == 1, "only the course listing was sent: \(recorder.urls)")
        #expect(!recorder.urls.contains { $0.contains("/../") || $0.hasSuffix("/participants") })
    }

    @Test(arguments: ["..", ".", "%2e%2e", "%2E"])
    func aCallersDotSegmentIdIsRefusedWithNothingSent(_ id: String) async throws {
        let (driver, recorder) = try TestSupport.scripted { _ in TestSupport.json(#"{"items":[],"total":0}"#) }
        let roster = Roster(driver: driver)
        let listing = await #expect(throws: RosterError.self) {
            _ = try await roster.enrollments(EnrollmentQuery(course: CourseID(id))).collect(max: 10)
        }
        let read = await #expect(throws: RosterError.self) {
            _ = try await roster.enrollment(EnrollmentID(id), course: "c-1")
        }
        let invite = await #expect(throws: RosterError.self) {
            _ = try await roster.enroll(EnrollRequest(course: CourseID(id), learner: "m-1"))
        }
        let member = await #expect(throws: RosterError.self) { _ = try await driver.spotMember(id: id) }
        for error in [listing, read, invite, member] { #expect(error?.code == .invalidArgument) }
        #expect(recorder.requests.isEmpty)
    }
}
