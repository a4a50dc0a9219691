import Foundation
import FrontcoreSimulator
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// `include[]=attendance`: asked for when configured, and the undocumented answer kept exactly.
@Suite struct FrontcoreAttendanceTests {
    @Test func attendanceIsKeptAsSentOnTheRecord() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-participant-with-attendance"))
        let driver = try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: "k-\(UUID().uuidString)", includeAttendance: true),
            transport: transport, clock: VirtualClock())
        let record = try await Roster(driver: driver).enrollment("524957")
        #expect(transport.lastQuery == "include%5B%5D=attendance")
        #expect(
            record.attendance
                == .array([
                    .object(["date": .string("2021-11-26"), "present": .bool(true), "minutes": .integer(390)]),
                    .object([
                        "date": .string("2021-11-27"), "present": .bool(false), "note": .null, "minutes": .integer(0),
                    ]),
                ]))
        #expect(record.native?.as(FrontcoreParticipant.self)?.attendance == record.attendance)
    }

    @Test func aParticipantWithoutAttendanceHasNone() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-participants-list"))
        let records = try await Roster(driver: try TestDrivers.driver(transport: transport, paging: .pageNumber))
            .enrollments()
            .collect(max: 100)
        #expect(!records.isEmpty && records.allSatisfy { $0.attendance == nil })
        #expect(transport.lastQuery?.contains("attendance") == false)
    }

    @Test func theSimulatorsAttendanceArrivesOnEveryListedRecord() async throws {
        let simulator = FrontcoreSimulator(seed: 9, participants: 12, courses: 2)
        let driver = try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: simulator.apiKey, includeAttendance: true),
            transport: simulator.transport, clock: VirtualClock())
        let records = try await Roster(driver: driver).enrollments(EnrollmentQuery(pageSize: 5)).collect(max: 100)
        #expect(records.count == 12)
        for record in records {
            guard case .array(let days)? = record.attendance, case .object(let day)? = days.first else {
                Issue.record("no attendance on \(record.id): \(String(describing: record.attendance))")
                continue
            }
            #expect(day["attended"] == .bool(record.noShow != true))
            #expect(day["date"] == .string(record.session?.startDate?.description ?? ""))
        }
    }

    @Test func attendanceThatIsNotJSONFailsAtItsPath() async throws {
        // A number beyond what a double holds cannot be kept faithfully: refused, not rounded to infinity.
        var text = String(decoding: try Fixture.data("frontcore-participant-with-attendance"), as: UTF8.self)
        text = text.replacingOccurrences(of: #""minutes": 390"#, with: #""minutes": 1e999"#)
        let driver = try TestDrivers.driver(transport: RecordingTransport(body: Data(text.utf8)))
        let error = await #expect(throws: RosterError.self) { try await Roster(driver: driver).enrollment("524957") }
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath?.hasPrefix("$.attendance[0]") == true)
    }
}
