public import Foundation
public import RosterCore

/// Parses Frontcore's time values: ISO 8601 with a local offset (`2021-11-25T15:52:56+01:00`), the
/// offset-less `2026-05-11 10:00:00` of some endpoints, and date-only values (`2025-11-20`) — the
/// last two read in the account's time zone. Also formats instants for the date filters, which take
/// account-local `yyyy-mm-dd hh:mm:ss` with no zone.
public struct FrontcoreTimestamps: Sendable {
    /// The account's time zone (Frontcore accounts are Norwegian: `Europe/Oslo` by default).
    public let timeZone: TimeZone
    private let calendar: Calendar
    private let iso8601 = Date.ISO8601FormatStyle()
    private let iso8601Fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Creates a parser for an account in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The instant `text` names, or nil when it is absent or blank; throws for text that is no known form.
    /// `field` (the JSON path) is only worked out when the value is malformed.
    /// Fractional seconds are kept (`…56.5+01:00`); an instant outside
    /// `ISO8601Instant.supportedRange` (years 1–9999) is malformed.
    public func instant(_ text: String?, field: @autoclosure () -> String) throws -> Date? {
        guard let text = text.nonBlank else { return nil }
        if let date = ISO8601Instant.parse(text) { return date }
        let date: Date?
        if text.utf8.count == 10 {
            date = CalendarDate(iso8601: text)?.startOfDay(in: timeZone)
        } else {
            date = (try? iso8601.parse(text)) ?? (try? iso8601Fractional.parse(text)) ?? localDateTime(text)
        }
        guard let date, ISO8601Instant.isSupported(date) else { throw malformed(text, field()) }
        return date
    }

    /// The calendar day `text` names (`YYYY-MM-DD`, or the day part of a timestamp); nil when absent.
    public func day(_ text: String?, field: @autoclosure () -> String) throws -> CalendarDate? {
        guard let text = text.nonBlank else { return nil }
        if let day = CalendarDate(iso8601: text.prefix(10)) { return day }
        throw malformed(text, field())
    }

    /// `instant` as the account-local `yyyy-mm-dd hh:mm:ss` the date filters take. Sub-second
    /// instants round towards the inside of the range (`roundUp` for lower bounds), so that the
    /// vendor's whole-second filter selects exactly the records at or past the bound.
    public func filterValue(_ instant: Date, roundUp: Bool) -> String {
        let whole = instant.timeIntervalSince1970.rounded(roundUp ? .up : .down)
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: whole))
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day)) \(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))"
    }

    /// `yyyy-mm-dd hh:mm:ss` (or with `T`) in the account's zone, with optional fractional seconds.
    private func localDateTime(_ text: String) -> Date? {
        let pieces = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard pieces.count == 2 else { return nil }
        let clock = pieces[1].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let day = CalendarDate(iso8601: pieces[0]), let time = LocalTime(clock[0]) else { return nil }
        var fraction = 0.0
        if clock.count == 2 {
            let digits = clock[1]
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Double("0." + digits.prefix(9))
            else { return nil }
            fraction = value
        }
        return calendar.date(
            from: DateComponents(
                year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute,
                second: time.second)
        )?.addingTimeInterval(fraction)
    }

    private func malformed(_ text: String, _ field: String) -> RosterError {
        RosterError(
            .decoding, "\(field) holds \"\(text)\", which is no date or timestamp Frontcore uses", jsonPath: field)
    }
}
