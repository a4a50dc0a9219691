import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// `join_status` + `user_completion_rate` → status and role; decoding of loose or broken input.
@Suite struct CourseDashboardMappingTests {
    @Test(arguments: [
        ("creator", 0, EnrollmentStatus.enrolled, EnrollmentRole.owner),
        ("manager", 55, .enrolled, .manager),
        ("joined", 0, .enrolled, .learner),
        ("joined", 1, .inProgress, .learner),
        ("joined", 99, .inProgress, .learner),
        ("joined", 100, .completed, .learner),
        ("invited", 0, .invited, .learner),
        ("requested", 0, .requested, .learner),
        ("payment_waiting", 0, .pending, .learner),
        ("banned", 0, .unknown(raw: "banned"), .learner),
    ])
    func joinStatusMapsToStatusAndRole(_ raw: String, _ rate: Int, _ status: EnrollmentStatus, _ role: EnrollmentRole) {
        let (mappedStatus, mappedRole) = CourseDashboardStatusMapping.canonical(joinStatus: raw, completionRate: rate)
        #expect(mappedStatus == status)
        #expect(mappedRole == role)
    }

    @Test func nullJoinStatusIsKeptAsUnknown() {
        #expect(CourseDashboardStatusMapping.canonical(joinStatus: nil, completionRate: nil).0 == .unknown(raw: "null"))
    }

    @Test func fixtureRecordsBecomeNeutralEnrollments() throws {
        let envelope = try JSONDecoder().decode(
            CourseDashboardPageEnvelope<CourseDashboardUserRecord>.self, from: try Fixture.data("course-users-page"))
        let records = envelope.results.map { CourseDashboardRecordMapping.enrollment($0, course: CourseID("101")) }
        #expect(records.map(\.id.rawValue).first == "101:17")
        #expect(records.map(\.role) == [.owner, .manager] + Array(repeating: .learner, count: 8))
        #expect(
            records.map(\.status) == [
                .enrolled, .enrolled, .inProgress, .completed, .enrolled, .invited, .requested, .pending,
                .unknown(raw: "banned"), .unknown(raw: "null"),
            ])
        let niccolo = records[2]
        #expect(niccolo.learner.displayName == "Niccolò Cantù")
        #expect(niccolo.learner.username == "niccolo_cantu")
        #expect(niccolo.learner.email == nil)
        #expect(niccolo.vendorStatus.code == "joined")
        #expect(niccolo.completionRate == 40)
        #expect(niccolo.timestamps.lastActivityAt != nil)
        #expect(niccolo.native?.as(CourseDashboardUserRecord.self)?.id == "1042")
    }

    @Test func coursesDecodeWithDraftPrivacy() throws {
        let envelope = try JSONDecoder().decode(
            CourseDashboardPageEnvelope<CourseDashboardCourseRecord>.self, from: try Fixture.data("courses-page"))
        let courses = envelope.results.map(CourseDashboardRecordMapping.course)
        #expect(courses.map(\.id.rawValue) == ["101", "102"])
        #expect(courses[0].title == "Storia dell'arte contemporanea")
        #expect(courses[0].privacy == "private")
        #expect(courses[1].vendorStatus == "draft")
        #expect(courses[1].privacy == nil)
    }

    @Test func malformedRecordFailsWithTheJSONPath() async throws {
        let body = try Fixture.data("course-users-malformed")
        let transport = InProcessTransport { _ in HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body) }
        let rig = try DashboardRig(transport: transport)
        let error = await rosterError {
            _ = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"))).collect(max: 10)
        }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$.results[1].id")
        #expect(error?.provider == CourseDashboardDriver.providerID)
    }

    @Test func badDateFailsWithTheJSONPath() throws {
        let body = Data(#"{"count":1,"next":null,"previous":null,"results":[{"id":1,"join_status":"joined","joined_at":"yesterday"}]}"#.utf8)
        #expect {
            try JSONDecoder().decode(CourseDashboardPageEnvelope<CourseDashboardUserRecord>.self, from: body)
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["results", "Index 0", "joined_at"]
        }
    }

    @Test func errorBodyBecomesFieldErrors() async throws {
        let body = try Fixture.data("error-400")
        let transport = InProcessTransport { _ in HTTPResponse(status: 400, headers: ["Content-Type": "application/json"], body: body) }
        let rig = try DashboardRig(transport: transport)
        let error = await rosterError {
            _ = try await rig.roster.enroll(EnrollRequest(course: CourseID("101"), learner: LearnerID("99999")))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fieldErrors == [FieldError(code: "invalid", field: "joined", messages: [#"Invalid pk "99999" - object does not exist."#])])
        #expect(error?.description.contains("joined: Invalid pk \"99999\" - object does not exist.") == true)
    }

    @Test func configurationDescriptionHidesTheToken() {
        let secret = "sc_super_secret_token"
        let configuration = CourseDashboardConfiguration(
            baseURL: URL(string: "https://community.example/api/v2/")!, token: secret)
        #expect(!configuration.description.contains(secret))
        #expect(configuration.description.contains("https://community.example"))
        #expect(configuration.baseURL.absoluteString == "https://community.example")
    }

    @Test(arguments: [0, 101])
    func pageSizeOutsideTheVendorRangeIsRefused(_ size: Int) {
        let configuration = CourseDashboardConfiguration(
            baseURL: URL(string: "https://community.example")!, token: "tok_1234", pageSize: size)
        #expect(throws: RosterError.self) { try CourseDashboardDriver(configuration: configuration) }
    }

    @Test func plainHTTPIsRefusedForRemoteHosts() {
        let configuration = CourseDashboardConfiguration(baseURL: URL(string: "http://community.example")!, token: "tok_1234")
        #expect(throws: RosterError.self) { try CourseDashboardDriver(configuration: configuration) }
    }
}
