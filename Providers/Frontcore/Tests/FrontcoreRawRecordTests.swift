import Foundation
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// Every Frontcore record carries the participant's JSON exactly as sent; the listing decodes only the
/// fields it maps, and the whole `FrontcoreParticipant` is decoded from the raw JSON when asked for.
@Suite struct FrontcoreRawRecordTests {
    @Test func eachListedRecordCarriesItsOwnParticipantByteForByte() async throws {
        let body = try Fixture.data("frontcore-participants-list")
        let transport = RecordingTransport(body: body)
        let all = try await Roster(driver: try TestDrivers.driver(transport: transport, paging: .pageNumber))
            .enrollments().collect(max: 10)
        let sent = try #require(try JSONSerialization.jsonObject(with: body) as? [NSDictionary])
        #expect(all.count == sent.count && all.count == 3)
        for (index, record) in all.enumerated() {
            let raw = try #require(record.raw)
            #expect(body.range(of: raw.bytes) != nil, "record \(index) is not a cut of the body")
            #expect(try JSONSerialization.jsonObject(with: raw.bytes) as? NSDictionary == sent[index])
            #expect((sent[index]["id"] as? Int).map(String.init) == record.id.rawValue)
        }
        // Fields the listing does not map are still there, typed, on demand.
        let lars = try #require(all[2].native?.as(FrontcoreParticipant.self))
        #expect(lars.userComment == "Eksempel på kommentar")
        #expect(lars.user?.invoiceAddress != nil)
    }

    @Test func aFieldTheListingDoesNotMapCannotFailTheListingAndStaysReachable() async throws {
        // `booker_phone` is not mapped: a value of the wrong type there is the vendor's business.
        let page = #"[{"id": 9, "idStatus": 1, "course": {"id": 2}, "user": {"id": 3}, "booker_phone": {"x": [1]}}]"#
        let driver = try TestDrivers.driver(transport: RecordingTransport(body: Data(page.utf8)))
        let record = try #require(
            try await driver.fetchEnrollments(PageRequest(query: EnrollmentQuery(), position: .start, limit: 10))
                .records.first)
        #expect(record.status == .enrolled)
        #expect(record.native?.as(FrontcoreParticipant.self) == nil)  // the full type cannot read it
        #expect(record.raw?.text.contains(#""booker_phone": {"x": [1]}"#) == true)
    }

    @Test func aSingleReadAndAnUpdateCarryTheRecordAsSent() async throws {
        let list = try Fixture.data("frontcore-participants-list")
        let body = try JSONRecordBytes.records(in: list, count: 3)[0].bytes
        let driver = try TestDrivers.driver(transport: RecordingTransport(body: body))
        let read = try await driver.enrollment("524957", course: nil)
        let raw = try #require(read.raw)
        #expect(try JSONSerialization.jsonObject(with: raw.bytes) as? NSDictionary
            == JSONSerialization.jsonObject(with: body) as? NSDictionary)
        let updated = try await driver.update("524957", course: nil, with: EnrollmentUpdate(passed: true))
        #expect(updated.raw == raw)
    }
}
