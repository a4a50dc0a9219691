import Foundation
import RosterCore
import Testing

@Suite("Fast ISO 8601 instants")
struct ISO8601InstantTests {
    @Test(arguments: [
        "2021-11-25T15:52:56+01:00", "2026-04-14T09:50:59+02:00", "2025-05-04T09:42:00Z", "2025-08-22T17:45:44.919Z",
        "1999-12-31T23:59:59-05:30", "2024-02-29T00:00:00+0000", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
        "2000-03-01T12:00:00.5+14:00",
    ])
    func agreesWithFoundation(_ text: String) throws {
        let fast = try #require(ISO8601Instant.parse(text))
        let style = text.contains(".")
            ? Date.ISO8601FormatStyle(includingFractionalSeconds: true) : Date.ISO8601FormatStyle()
        let reference = try style.parse(text)
        #expect(abs(fast.timeIntervalSince(reference)) < 0.001)
    }

    @Test func agreesWithFoundationOnManyGeneratedInstants() throws {
        var seed: UInt64 = 12345
        for _ in 0..<2000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = Double(seed % 4_000_000_000) - 1_000_000_000
            let date = Date(timeIntervalSince1970: seconds)
            let offset = Int(seed >> 40 % 29) - 14
            let zone = TimeZone(secondsFromGMT: offset * 3600)!
            var style = Date.ISO8601FormatStyle()
            style.timeZone = zone
            let text = style.format(date)
            #expect(ISO8601Instant.parse(text) == date, "\(text)")
        }
    }

    @Test(arguments: [
        "", "2021-11-25", "2021-11-25 15:52:56", "2021-11-25T15:52:56", "2021-13-25T15:52:56Z", "2021-02-30T15:52:56Z",
        "2021-11-25T24:00:00Z", "2021-11-25T15:60:00Z", "2021-11-25T15:52:56+1:00", "2021-11-25T15:52:56.Z",
        "2021-11-25T15:52:56Zjunk", "2021-11-25T15:52:56+01:00:00", "２０２１-11-25T15:52:56Z",
    ])
    func rejectsAnythingElse(_ text: String) {
        #expect(ISO8601Instant.parse(text) == nil)
    }
}
