import Foundation
import RosterCore
import Testing

@Suite struct ModelCodableTests {
    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    func encoded<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    @Test func calendarDatesRoundTripAsPlainDays() throws {
        let day = try #require(CalendarDate(iso8601: "2024-02-29"))
        #expect(try encoded(day) == #""2024-02-29""#)
        #expect(try roundTrip(day) == day)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        for bad in ["2024-2-01", "2024-13-01", "2024-04-31", "24-01-01", "2024-01-01T00:00:00Z", ""] {
            #expect(CalendarDate(iso8601: bad) == nil, "\(bad)")
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CalendarDate.self, from: Data(#""2024-02-30""#.utf8))
        }
    }

    @Test func aCalendarDateIsNotShiftedByTimeZones() throws {
        let day = try #require(CalendarDate(year: 2025, month: 1, day: 1))
        let oslo = try #require(TimeZone(identifier: "Europe/Oslo"))
        let start = day.startOfDay(in: oslo)
        #expect(CalendarDate(start, in: oslo) == day)
        #expect(CalendarDate(start, in: try #require(TimeZone(identifier: "UTC"))).description == "2024-12-31")
        #expect(CalendarDate(year: 2024, month: 12, day: 31)! < day)
    }

    @Test func localTimesRoundTrip() throws {
        let time = try #require(LocalTime("08:30"))
        #expect(time.description == "08:30:00")
        #expect(try roundTrip(time) == time)
        #expect(LocalTime("23:59:59") != nil)
        for bad in ["24:00", "8:30", "08:60", "08:30:61", "08-30", ""] {
            #expect(LocalTime(bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: EnrollmentStatus.known + [.unknown(raw: "Ventende"), .unknown(raw: "enrolled-ish")])
    func statusesRoundTrip(_ status: EnrollmentStatus) throws {
        #expect(try roundTrip(status) == status)
    }

    @Test func statusNamesParseLeniently() throws {
        #expect(EnrollmentStatus(name: "in-progress") == .inProgress)
        #expect(EnrollmentStatus(name: "IN_PROGRESS") == .inProgress)
        #expect(EnrollmentStatus(name: "finished") == nil)
        #expect(try encoded(EnrollmentStatus.unknown(raw: "7b")) == #""unknown:7b""#)
        #expect(
            try JSONDecoder().decode(EnrollmentStatus.self, from: Data(#""Påmeldt""#.utf8)) == .unknown(raw: "Påmeldt"))
    }

    @Test(arguments: EnrollmentRole.known + [.unknown(raw: "creator")])
    func rolesRoundTrip(_ role: EnrollmentRole) throws {
        #expect(try roundTrip(role) == role)
    }

    @Test func idsDecodeFromStringsAndNumbersAndEncodeAsStrings() throws {
        let ids = try JSONDecoder().decode([EnrollmentID].self, from: Data(#"["a-1", 9007199254740993]"#.utf8))
        #expect(ids == ["a-1", "9007199254740993"])
        #expect(try encoded(ids) == #"["a-1","9007199254740993"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CourseID.self, from: Data("true".utf8)) }
    }

    @Test func anEnrollmentRoundTripsWithoutItsNativeRecord() throws {
        var record = sampleEnrollment(1, status: .unknown(raw: "9"))
        record.session = CourseSession(
            id: "s1", startDate: CalendarDate(iso8601: "2025-03-01"), startTime: LocalTime("09:00"))
        record.native = NativeRecord(["internal": "NATIVE-ONLY"])
        record.customProperties = ["shoe": nil, "size": "42"]
        let decoded = try roundTrip(record)
        #expect(decoded.native == nil)
        #expect(!(try encoded(record)).contains("NATIVE-ONLY"))
        record.native = nil
        #expect(decoded == record)
    }

    @Test func aLearnerKeepsAnImplausibleEmailOnlyAsRaw() {
        let learner = Learner(id: "1", email: "Larsen", firstName: "Åse", lastName: "Ødegård")
        #expect(learner.email == nil)
        #expect(learner.rawEmail == "Larsen")
        #expect(learner.displayName == "Åse Ødegård")
        #expect(Learner(id: "2", email: "åse@example.no").email == "åse@example.no")
    }
}
