import Foundation
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// The published participant example (`Fixtures/meltingspot-course-participant.json`) and the lenient readings around it.
@Suite struct SeedDecodingTests {
    let seedInstant = Date(timeIntervalSince1970: 1_746_351_720)  // 2025-05-04T09:42:00Z

    @Test func seedParticipantDecodesExactly() throws {
        let participant = try JSONDecoder().decode(MeltingspotParticipant.self, from: TestSupport.seedParticipantJSON())
        #expect(participant.id == "string")
        #expect(participant.courseId == "string")
        #expect(participant.spotMemberId == "string")
        #expect(participant.spotMemberEmail == "string")
        #expect(participant.spotMemberFirstname == nil)
        #expect(participant.spotMemberLastname == nil)
        #expect(participant.status == "Invited")
        #expect(participant.invitedAt == seedInstant)
        #expect(participant.startedAt == seedInstant)
        #expect(participant.completedAt == seedInstant)
        #expect(participant.unenrolledAt == seedInstant)
        #expect(participant.lastActivityAt == seedInstant)
        #expect(participant.completionRate == 42)
    }

    @Test func seedParticipantMapsThroughTheDriver() async throws {
        let seed = try TestSupport.seedParticipantJSON()
        let (driver, recorder) = try TestSupport.scripted { _ in HTTPResponse(status: 200, body: seed) }
        let enrollment = try await Roster(driver: driver).enrollment(EnrollmentID("string"), course: CourseID("string"))
        #expect(recorder.urls == ["https://openapi.meltingspot.io/v1/courses/string/participants/string"])
        #expect(enrollment.provider == ProviderID("meltingspot"))
        #expect(enrollment.id == EnrollmentID("string"))
        #expect(enrollment.course.id == CourseID("string"))
        #expect(enrollment.status == .invited)
        #expect(enrollment.role == .learner)
        #expect(enrollment.vendorStatus == VendorStatus(code: "Invited"))
        #expect(enrollment.completionRate == 42)
        #expect(enrollment.learner.id == LearnerID("string"))
        #expect(enrollment.learner.email == nil, "\"string\" is not an address")
        #expect(enrollment.learner.rawEmail == "string")
        #expect(enrollment.learner.firstName == nil && enrollment.learner.lastName == nil)
        #expect(enrollment.learner.displayName == nil)
        #expect(
            enrollment.timestamps
                == EnrollmentTimestamps(
                    invitedAt: seedInstant, startedAt: seedInstant, completedAt: seedInstant, cancelledAt: seedInstant,
                    lastActivityAt: seedInstant))
        #expect(enrollment.native?.as(MeltingspotParticipant.self)?.completionRate == 42)
    }

    static let names: [(json: String, expected: String?)] = [
        ("{}", nil), ("null", nil), ("\"\"", nil), ("\"Zoé\"", "Zoé"), ("{\"value\":\"x\"}", nil),
    ]

    @Test(arguments: names)
    func participantNamesDecodeLeniently(_ json: String, _ expected: String?) throws {
        let participant = try decodeParticipant(firstname: json, lastname: json)
        #expect(participant.spotMemberFirstname == expected)
        #expect(participant.spotMemberLastname == expected)
    }

    @Test func absentNamesAreAbsent() throws {
        let text =
            #"{"id":"p1","courseId":"c1","spotMemberId":"m1","spotMemberEmail":"a@b.fr","status":"Started","completionRate":5}"#
        let participant = try JSONDecoder().decode(MeltingspotParticipant.self, from: Data(text.utf8))
        #expect(participant.spotMemberFirstname == nil)
        #expect(participant.invitedAt == nil)
    }

    @Test func datesWithAndWithoutMillisecondsAndNumericIDs() throws {
        let text = """
            {"id":123,"courseId":"c1","spotMemberId":"m1","spotMemberEmail":"a@b.fr","spotMemberFirstname":"Loïc",
             "spotMemberLastname":null,"status":"Started","invitedAt":"2025-05-04T09:42:00Z",
             "startedAt":"2025-08-22T17:45:44.919Z","completedAt":null,"unenrolledAt":null,"lastActivityAt":"",
             "completionRate":57}
            """
        let participant = try JSONDecoder().decode(MeltingspotParticipant.self, from: Data(text.utf8))
        #expect(participant.id == "123")
        #expect(participant.invitedAt == seedInstant)
        let started = try #require(participant.startedAt)
        #expect(abs(started.timeIntervalSince1970 - 1_755_884_744.919) < 0.0005)
        #expect(participant.lastActivityAt == nil)
    }

    @Test func spotMemberTimesAreEpochMilliseconds() throws {
        let text = """
            {"id":"m1","spotId":"s1","userId":null,"email":"h@e.fr","title":null,"lang":"fr","role":"Member",
             "customRoleId":null,"status":"Accepted","firstname":"Hélène","lastname":"Ménard","warnings":0,
             "embedBaseUrls":{"default":"https://x"},"updatedAt":1755884744919,"lastActivityAt":null}
            """
        let member = try JSONDecoder().decode(MeltingspotSpotMember.self, from: Data(text.utf8))
        #expect(member.firstname == "Hélène")
        #expect(member.userId == nil)
        let updated = try #require(member.updatedAt)
        #expect(abs(updated.timeIntervalSince1970 - 1_755_884_744.919) < 0.0005)
        #expect(member.lastActivityAt == nil)
    }

    @Test func unknownStatusSurvivesAsUnknown() {
        #expect(MeltingspotStatusMapping.status(for: "Paused") == .unknown(raw: "Paused"))
        #expect(MeltingspotStatusMapping.status(for: "Started") == .inProgress)
        #expect(MeltingspotStatusMapping.status(for: "Unenrolled") == .cancelled)
        #expect(MeltingspotStatusMapping.status(for: "Completed") == .completed)
    }

    static let damagedPages: [(body: String, jsonPath: String)] = [
        (
            #"{"items":[{"id":"p1","courseId":"c1","spotMemberId":"m1","spotMemberFirstname":12,"status":"Invited"}],"total":1}"#,
            "$.items[0].spotMemberFirstname"
        ),
        (
            #"{"items":[{"id":"p1","courseId":"c1","spotMemberId":"m1","status":"Started","startedAt":"yesterday"}],"total":1}"#,
            "$.items[0].startedAt"
        ),
        (#"{"items":[{"id":"p1","courseId":"c1","spotMemberId":"m1","completionRate":0}],"total":1}"#, "$.items[0].status"),
        (#"{"total":1}"#, "$.items"),
    ]

    @Test(arguments: damagedPages)
    func unusableFieldIsADecodingErrorNamingThePath(_ body: String, _ jsonPath: String) async throws {
        let (driver, _) = try TestSupport.scripted { _ in TestSupport.json(body) }
        let error = try await #require(throws: RosterError.self) {
            try await Roster(driver: driver).enrollments(EnrollmentQuery(course: CourseID("c1"))).collect(max: 10)
        }
        #expect(error.code == .decoding)
        #expect(error.jsonPath == jsonPath)
        #expect(error.path == "/v1/courses/c1/participants")
    }

    private func decodeParticipant(firstname: String, lastname: String) throws -> MeltingspotParticipant {
        let text = """
            {"id":"p1","courseId":"c1","spotMemberId":"m1","spotMemberEmail":"a@b.fr","spotMemberFirstname":\(firstname),
             "spotMemberLastname":\(lastname),"status":"Invited","invitedAt":null,"startedAt":null,"completedAt":null,
             "unenrolledAt":null,"lastActivityAt":null,"completionRate":0}
            """
        return try JSONDecoder().decode(MeltingspotParticipant.self, from: Data(text.utf8))
    }
}
