import Foundation
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// The vendor's published samples (`Fixtures/frontcore-*.json`) decoded through the driver, as they are.
@Suite struct FrontcoreSeedDecodingTests {
    @Test func seed000DecodesIntoTheNeutralModelWithExactValues() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-participants-list"))
        let roster = Roster(driver: try TestDrivers.driver(transport: transport, paging: .pageNumber))
        let all = try await roster.enrollments().collect(max: 10)
        #expect(all.map(\.id) == ["524957", "358889", "124920"])

        let per = all[0]
        #expect(per.course == CourseReference(id: "22353", title: "Learn REST API"))
        #expect(per.status == .enrolled)
        #expect(per.vendorStatus == VendorStatus(code: "1", key: "status_confirmed", title: "Påmeldt"))
        #expect(per.payment == PaymentStatus(code: "3", title: "Nei", isPaid: false))
        #expect(per.learner.id == "462355")
        #expect(per.learner.email == nil)  // "Larsen" is no address
        #expect(per.learner.rawEmail == "Larsen")
        #expect(per.learner.firstName == nil)
        #expect(per.learner.lastName == "Per")
        #expect(per.learner.username == "username_75cba24e")
        #expect(
            per.learner.organization
                == Organization(id: "32714", name: "Beste Kunde AS", registrationNumber: "85454545"))
        #expect(per.timestamps.createdAt == instant("2021-11-25T14:52:56Z"))
        #expect(per.customProperties == nil)
        #expect(per.passed == false && per.noShow == false)

        let session = try #require(per.session)
        #expect(session.id == "12746584")
        #expect(session.startDate == CalendarDate(year: 2025, month: 5, day: 15))
        #expect(session.endDate == CalendarDate(year: 2025, month: 5, day: 15))
        #expect(session.startTime == LocalTime(hour: 8, minute: 0))
        #expect(session.endTime == LocalTime(hour: 12, minute: 5))
        #expect(session.timeZone == nil && session.utcOffsetSeconds == nil)
        #expect(session.isVirtual == false)
        #expect(session.teachingLanguage == "no")
        #expect(
            session.location
                == Location(
                    id: "6489", name: "Sem", region: "Vestfold", countryCode: "NO", latitude: 59.2823015,
                    longitude: 10.3300322))

        let anonymous = all[1]
        #expect(anonymous.status == .pending)
        #expect(anonymous.vendorStatus.key == "status_unconfirmed")
        #expect(anonymous.learner.email == nil && anonymous.learner.rawEmail == nil)
        #expect(anonymous.learner.displayName == "Anonymous User")
        #expect(anonymous.certificateIssuedOn == CalendarDate(year: 2019, month: 9, day: 11))

        let lars = all[2]
        #expect(lars.learner.email == "lars@eksemel.ek")
        #expect(lars.payment?.isPaid == true)
        #expect(lars.session?.id == "9304757")
        #expect(lars.session?.endDate == CalendarDate(year: 2020, month: 1, day: 6))
        #expect(lars.timestamps.updatedAt == instant("2026-04-14T07:54:56Z"))
        let native = try #require(lars.native?.as(FrontcoreParticipant.self))
        #expect(native.userComment == "Eksempel på kommentar")
        #expect(native.coursedate?.locationID == FrontcoreInt(6489))  // sent as the string "6489"
    }

    @Test func keysetPagingRefusesTheSampleOrderInsteadOfSkippingRecords() async throws {
        // The published sample lists ids newest first; under since_id that would skip records.
        let transport = RecordingTransport(body: try Fixture.data("frontcore-participants-list"))
        let roster = Roster(driver: try TestDrivers.driver(transport: transport, paging: .keyset))
        let error = await #expect(throws: RosterError.self) { try await roster.enrollments().collect(max: 10) }
        #expect(error?.code == .inconsistentPaging)
    }

    @Test func seed001AsPublishedIsAClearDecodingError() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-participant-put-response"))
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let error = await #expect(throws: RosterError.self) {
            try await roster.update("163930", with: EnrollmentUpdate(status: .enrolled))
        }
        #expect(error?.code == .decoding)
        #expect(error?.provider == "frontcore")
        #expect(error?.method == "PUT" && error?.path == "/v2/participants/163930")
        #expect(error?.message.contains("trailing comma at line 67, column 24") == true)
        #expect(error?.jsonPath == "$.custom_properties")
    }

    @Test func seed001RepairedDecodes() async throws {
        let published = String(decoding: try Fixture.data("frontcore-participant-put-response"), as: UTF8.self)
        let repaired = published.replacingOccurrences(
            of: "\"custom_property\": null,\n}", with: "\"custom_property\": null\n}")
        #expect(repaired != published)
        let transport = RecordingTransport(body: Data(repaired.utf8))
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let record = try await roster.update("163930", with: EnrollmentUpdate(status: .enrolled))

        #expect(record.id == "163930")
        #expect(record.status == .waitlisted)  // 2 overbooked: lossy, raw kept
        #expect(record.vendorStatus == VendorStatus(code: "2", key: "status_overbooked", title: "Overbooked"))
        #expect(record.payment == PaymentStatus(code: "1", title: "Yes", isPaid: true))
        #expect(record.archivedOn == CalendarDate(year: 2025, month: 11, day: 20))
        #expect(record.certificateIssuedOn == CalendarDate(year: 2025, month: 11, day: 20))
        #expect(record.customProperties == ["custom_property": String?.none])
        #expect(record.course == CourseReference(id: "44724", title: "Et fint testkurs"))
        #expect(record.timestamps.statusChangedAt == instant("2020-02-19T10:02:27Z"))
        #expect(record.learner.email == "example@example.com")
        #expect(record.learner.organization == Organization(name: "Acme inc"))
        let session = try #require(record.session)
        #expect(session.startTime == LocalTime(hour: 6, minute: 15))
        #expect(session.location?.latitude == nil && session.location?.longitude == nil)  // 0,0 means unknown
        #expect(session.location?.name == "Nedre langgate 20")
        let native = try #require(record.native?.as(FrontcoreParticipant.self))
        #expect(native.coursedate?.guaranteedToRun == nil)  // missing in this payload
        #expect(native.user?.customProperties?.values["hubspot_id"] == .some("101"))
    }

    @Test func seed004LegalBasesDecodeWithExactValues() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-legalbases-list"))
        let driver = try TestDrivers.driver(transport: transport)
        var all: [FrontcoreLegalBasis] = []
        for try await basis in driver.legalBases() { all.append(basis) }
        #expect(all.count == 1)
        let basis = try #require(all.first)
        #expect(basis.id == "2911")
        #expect(basis.leadID == nil)
        #expect(basis.consent?.id == "146")
        #expect(basis.consent?.title == "Yes, I want e-mail about new courses once a week")
        #expect(basis.consent?.version == 1)
        #expect(basis.legalBasis == VendorStatus(code: "1", title: "Samtykke"))
        #expect(basis.purpose?.id == "112" && basis.purpose?.title == "Marketing")
        #expect(basis.source == VendorStatus(code: "3", title: "Innkommende sak"))
        #expect(basis.comment == "Consent given via registration form")
        #expect(basis.createdAt == instant("2020-04-27T20:34:58Z"))
        #expect(basis.updatedAt == instant("2023-08-28T00:41:08Z"))
        #expect(basis.deletedAt == nil)
        let user = try #require(basis.user)
        #expect(user.id == "154420" && user.email == "lars@eksemel.ek")
        #expect(user.organization == Organization(id: "32714", name: "Beste Kunde AS", registrationNumber: "85454545"))
        #expect(transport.lastQuery == "since_id=0&limit=250")
    }
}
