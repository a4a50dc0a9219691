import Foundation
import RosterCore
import Testing

/// Sub-second precision survives parse → format: milliseconds and microseconds exactly, and nothing
/// is added to a whole second.
@Suite struct InstantPrecisionTests {
    @Test(arguments: [
        ("2025-08-22T16:13:51.988Z", "2025-08-22T16:13:51.988Z"),
        ("2025-08-22T16:13:51Z", "2025-08-22T16:13:51Z"),
        ("2025-08-22T16:13:51.000Z", "2025-08-22T16:13:51Z"),
        ("2025-08-22T16:13:51.123456Z", "2025-08-22T16:13:51.123456Z"),
        ("2025-08-22T16:13:51.100Z", "2025-08-22T16:13:51.100Z"),
        ("2025-08-22T16:13:51.5+01:00", "2025-08-22T15:13:51.500Z"),
        ("2025-01-22T10:15:30.123456+01:00", "2025-01-22T09:15:30.123456Z"),
        ("2025-08-22T16:13:51.999999Z", "2025-08-22T16:13:51.999999Z"),
        ("2025-08-22T16:13:51.9999996Z", "2025-08-22T16:13:52Z"),
        ("2025-08-22T16:13:51.123456789Z", "2025-08-22T16:13:51.123457Z"),
        ("1969-12-31T23:59:59.250Z", "1969-12-31T23:59:59.250Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59.5Z", "9999-12-31T23:59:59.500Z"),
        ("2024-02-29T00:00:00.001Z", "2024-02-29T00:00:00.001Z"),
    ])
    func roundTrips(_ input: String, _ output: String) throws {
        let instant = try #require(ISO8601Instant.parse(input))
        #expect(ISO8601Instant.format(instant) == output)
    }

    @Test func everyMicrosecondOfASecondRoundTripsExactly() throws {
        var seed: UInt64 = 99
        for _ in 0..<5000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let micros = Int(seed >> 20 % 1_000_000)
            let day = Int(seed % 3_000_000)
            let second = ISO8601Instant.format(Date(timeIntervalSince1970: Double(day) * 900))
            let text = second.dropLast() + "." + String(format: "%06d", micros) + "Z"
            let instant = try #require(ISO8601Instant.parse(String(text)))
            let expected = micros == 0 ? second : micros % 1000 == 0 ? String(text.dropLast(4)) + "Z" : String(text)
            #expect(ISO8601Instant.format(instant) == expected)
        }
    }

    @Test func formatsWholeSecondsLikeFoundation() {
        for seconds in stride(from: -3_000_000_000.0, to: 4_000_000_000, by: 7_777_777) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601Instant.format(date) == date.formatted(Date.ISO8601FormatStyle()))
        }
    }

    @Test func refusesInstantsOutsideFourDigitYears() {
        #expect(ISO8601Instant.parse("0001-01-01T00:00:00+01:00") == nil)
        #expect(ISO8601Instant.parse("0000-12-31T23:00:00Z") == nil)
        #expect(ISO8601Instant.instant(secondsSince1970: 1e300) == nil)
        #expect(ISO8601Instant.instant(secondsSince1970: -1e30) == nil)
        #expect(ISO8601Instant.instant(secondsSince1970: .nan) == nil)
        #expect(ISO8601Instant.instant(secondsSince1970: .infinity) == nil)
        #expect(ISO8601Instant.instant(secondsSince1970: 253_402_300_800) == nil)  // 10000-01-01
        #expect(ISO8601Instant.instant(secondsSince1970: 253_402_300_799.5) != nil)
    }

    @Test func formatsAnyDateWithoutTrapping() {
        #expect(ISO8601Instant.format(Date(timeIntervalSince1970: 253_402_300_800)) == "+010000-01-01T00:00:00Z")
        #expect(ISO8601Instant.format(Date(timeIntervalSince1970: -62_167_219_201)) == "-000001-12-31T23:59:59Z")
        #expect(!ISO8601Instant.format(Date(timeIntervalSince1970: 1e300)).isEmpty)
        #expect(!ISO8601Instant.format(Date(timeIntervalSince1970: .nan)).isEmpty)
    }
}

/// Vendor numbers convert without trapping: out of range is nil, never a crash.
@Suite struct VendorNumbersTests {
    @Test(arguments: [1e30, 1e300, -1e30, 9_223_372_036_854_775_808.0, -1e19, .nan, .infinity, -.infinity])
    func outOfRangeDoublesAreNil(_ value: Double) {
        #expect(VendorNumbers.integer(value, in: VendorNumbers.counts) == nil)
        #expect(VendorNumbers.integer(value, in: Int.min...Int.max) == nil)
    }

    @Test(arguments: [
        "1e300", "NaN", "nan", "inf", "-Infinity", "0x1p3", "9223372036854775808", "-9223372036854775809", "", "12a",
    ])
    func outOfRangeOrNonNumericTextIsNil(_ text: String) {
        #expect(VendorNumbers.integer(text, in: Int.min...Int.max) == nil)
    }

    @Test func roundsAndRangeChecks() {
        #expect(VendorNumbers.integer(12.6, in: VendorNumbers.percentages) == 13)
        #expect(VendorNumbers.integer(100.4, in: VendorNumbers.percentages) == 100)
        #expect(VendorNumbers.integer(100.6, in: VendorNumbers.percentages) == nil)
        #expect(VendorNumbers.integer(-0.4, in: VendorNumbers.percentages) == 0)
        #expect(VendorNumbers.integer(" 42 ", in: VendorNumbers.counts) == 42)
        #expect(VendorNumbers.integer("1e2", in: VendorNumbers.counts) == 100)
        #expect(VendorNumbers.integer("-1", in: VendorNumbers.counts) == nil)
        #expect(VendorNumbers.integer("2147483648", in: VendorNumbers.counts) == nil)
        #expect(VendorNumbers.integer("9223372036854775807", in: Int.min...Int.max) == Int.max)
        #expect(VendorNumbers.integer(-9_223_372_036_854_775_808.0, in: Int.min...Int.max) == Int.min)
        #expect(VendorNumbers.integer(-9_223_372_036_854_775_808.0, in: VendorNumbers.counts) == nil)
        #expect(VendorNumbers.decimal("59.28") == 59.28)
        #expect(VendorNumbers.decimal("1e400") == nil)
    }
}
