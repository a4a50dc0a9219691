import Foundation
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// The vendor's documented quirks not covered by the published samples, each in one participant.
@Suite struct FrontcoreQuirkDecodingTests {
    private func decode(_ json: String) async throws -> Enrollment {
        let transport = RecordingTransport(body: Data(json.utf8))
        return try await Roster(driver: try TestDrivers.driver(transport: transport)).enrollment("77")
    }

    @Test func textIdsBlanksZonesOffsetsAndSecondsDecode() async throws {
        let record = try await decode(
            #"""
            {"id": "77", "idStatus": "8", "idPaid": "2", "completed": "1", "passed": 0, "no_show": "false",
             "created_at": "2025-03-30", "updated_at": "2026-05-11 10:00:00", "status_updated_at": "",
             "certificate_issued_at": "", "archived_at": null, "custom_properties": {"n": 5, "b": true},
             "course": {"id": "22353", "title": "Førstehjelp", "reference": ""},
             "coursedate": {"id": "9", "start_at": "2026-03-28", "end_at": "2026-03-29", "time_start": "08:15:30",
                            "time_end": "", "timezone": "Europe/Oslo", "gmt_offset": "+01:00", "is_virtual": 1,
                            "place": "Tromsø", "teaching_language": "Norsk", "idTeachingLanguage": ""},
             "user": {"id": "5", "firstname": "", "lastname": "Ødegård", "email": "", "orgnr": "",
                      "company": "Fjord AS", "customer": null}}
            """#)
        #expect(record.id == "77")
        #expect(record.status == .cancelled && record.cancellationFee == true)
        #expect(record.vendorStatus == VendorStatus(code: "8"))
        #expect(record.payment == PaymentStatus(code: "2", isPaid: nil))  // undocumented paid id: kept raw
        #expect(record.passed == false && record.noShow == false)
        let oslo = TimeZone(identifier: "Europe/Oslo")!
        #expect(record.timestamps.createdAt == CalendarDate(year: 2025, month: 3, day: 30)!.startOfDay(in: oslo))
        #expect(record.timestamps.updatedAt == instant("2026-05-11T08:00:00Z"))  // offset-less: Oslo summer time
        #expect(record.timestamps.statusChangedAt == nil)
        #expect(record.certificateIssuedOn == nil)
        #expect(record.customProperties == ["n": "5", "b": "true"])
        #expect(record.course == CourseReference(id: "22353", title: "Førstehjelp"))
        let session = try #require(record.session)
        #expect(session.startTime == LocalTime(hour: 8, minute: 15, second: 30))
        #expect(session.endTime == nil)
        #expect(session.timeZone == "Europe/Oslo" && session.utcOffsetSeconds == 3600)
        #expect(session.isVirtual == true)
        #expect(session.location == Location(name: "Tromsø"))
        #expect(session.teachingLanguage == "Norsk")
        #expect(record.learner.firstName == nil && record.learner.email == nil && record.learner.rawEmail == nil)
        #expect(record.learner.displayName == "Ødegård")
        #expect(record.learner.organization == Organization(name: "Fjord AS"))
    }

    @Test func onlyAConfirmedBookingReadsCompleted() {
        #expect(FrontcoreStatusMapping.status(id: 1, completed: true) == .completed)
        #expect(FrontcoreStatusMapping.status(id: 1, completed: false) == .enrolled)
        #expect(FrontcoreStatusMapping.status(id: 7, completed: true) == .pending)
        #expect(FrontcoreStatusMapping.status(id: 2, completed: true) == .waitlisted)
        #expect(FrontcoreStatusMapping.status(id: 3, completed: true) == .waitlisted)
        #expect(FrontcoreStatusMapping.status(id: 4, completed: true) == .cancelled)
        #expect(FrontcoreStatusMapping.status(id: 6, completed: true) == .unknown(raw: "6"))
    }

    @Test func blankStringsInIdAndNumberFieldsReadAsAbsent() async throws {
        let record = try await decode(
            #"{"id": "524957", "idPaid": "", "status": {"id": "1", "title": ""}, "course": {"id": 22353},"#
                + #""coursedate": {"id": 1, "idLocation": "", "location": {"id": "", "title": "Sem", "lat": "", "lng": "10.33"}},"#
                + #""user": {"id": 462355, "email": "Larsen", "customer": {"id": "", "title": "Beste Kunde AS"}}}"#)
        #expect(record.id == "524957")
        #expect(record.payment == nil)
        #expect(record.session?.location?.id == nil)
        #expect(record.session?.location?.latitude == nil)
        #expect(record.learner.organization?.id == nil)
        #expect(record.learner.organization?.name == "Beste Kunde AS")
    }

    @Test func aRecordWithoutAUserIsADecodingErrorWithItsPath() async {
        let error = await #expect(throws: RosterError.self) {
            try await decode(#"{"id": 77, "status": {"id": 1}, "course": {"id": 1}}"#)
        }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$.user")
    }

    @Test func aTimestampInNoKnownFormIsADecodingError() async {
        let error = await #expect(throws: RosterError.self) {
            try await decode(
                #"{"id": 77, "status": {"id": 1}, "course": {"id": 1}, "user": {"id": 2}, "updated_at": "yesterday"}"#)
        }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$.updated_at")
    }
}
