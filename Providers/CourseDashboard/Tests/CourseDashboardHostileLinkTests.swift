import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// A `next` link to another origin ends the listing with `untrustedEndpoint`, and the bearer token
/// is never sent there.
@Suite struct CourseDashboardHostileLinkTests {
    @Test(arguments: [
        "https://evil.example/api/v2/course/101/users/?limit=5&offset=5",
        "http://community.example/api/v2/course/101/users/?limit=5&offset=5",
        "https://community.example:8443/api/v2/course/101/users/?limit=5&offset=5",
        "https://community.example.evil.example/api/v2/course/101/users/?offset=5",
    ])
    func nextLinkToAnotherOriginIsRefused(_ hostile: String) async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 12)
        // The community's answer is rewritten so that its `next` points elsewhere.
        let tampering = InProcessTransport { request in
            var response = await simulator.handle(request)
            guard var object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any],
                object["next"] is String
            else { return response }
            object["next"] = hostile
            response.body = try JSONSerialization.data(withJSONObject: object)
            return response
        }
        let rig = try DashboardRig(simulator: simulator, transport: tampering)
        var received: [Enrollment] = []
        let error = await rosterError {
            for try await record in rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"))) {
                received.append(record)
            }
        }
        #expect(error?.code == .untrustedEndpoint)
        #expect(received.count == 5)
        #expect(rig.recorder.requests.count == 1)
        #expect(rig.recorder.requests.allSatisfy { $0.url.host == "community.example" && $0.url.port == nil })
        #expect(rig.recorder.requests.allSatisfy { $0.url.scheme == "https" })
        #expect(error?.description.contains(simulator.token) == false)
    }
}
