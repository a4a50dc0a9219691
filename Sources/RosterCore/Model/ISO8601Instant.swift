public import Foundation

/// A fast, strict parser for the ISO 8601 instants vendors send: `YYYY-MM-DDTHH:MM:SS`, optional
/// fractional seconds, then `Z` or a numeric offset (`±HH:MM` or `±HHMM`). It reads UTF-8 bytes
/// directly, with no formatter, because every record of a long listing carries several timestamps
/// (see Benchmarks/README.md). Anything else returns nil, so callers can fall back to a general parser.
///
/// Fractional seconds are kept to the nanosecond digit when parsing and written back to the
/// microsecond by `format(_:)`: a vendor's `.988` or `.123456` survives a round trip exactly.
public enum ISO8601Instant {
    /// The instant `text` names, or nil when it is not in the strict form above or falls outside
    /// `supportedRange` (an offset can push `0001-01-01T00:00:00` before it).
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 20, b[4] == dash, b[7] == dash, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            b[13] == colon, b[16] == colon,
            let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
            let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2),
            hour < 24, minute < 60, second < 60, CalendarDate(year: year, month: month, day: day) != nil
        else { return nil }
        var index = 19
        // The fraction as whole nanoseconds: summing digit × 0.1ⁿ in floating point would drift.
        var nanoseconds = 0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count, let digit = digit(b[index]) {
                if index - start < 9 { nanoseconds += digit * nanosecondsPerDigit[index - start] }
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offsetSeconds = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[index] == UInt8(ascii: "-") ? -1 : 1
            let rest = b.count - index - 1
            guard let hours = digits(b, index + 1, 2), hours < 24 else { return nil }
            let minutes: Int?
            if rest == 5, b[index + 3] == colon {
                minutes = digits(b, index + 4, 2)
            } else if rest == 4 {
                minutes = digits(b, index + 3, 2)
            } else {
                return nil
            }
            guard let minutes, minutes < 60 else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        // Counted from Foundation's own reference date, so the only rounding is the final addition.
        let date = Date(
            timeIntervalSinceReferenceDate: Double(seconds - referenceDateSeconds) + Double(nanoseconds) / 1e9)
        return isSupported(date) ? date : nil
    }

    /// The instants Roster reads from vendors and writes out: from 0001-01-01T00:00:00Z up to (not
    /// including) 10000-01-01T00:00:00Z, the years a four-digit ISO 8601 year (and `CalendarDate`)
    /// can say. Adapters refuse a vendor instant outside it (an epoch of `1e300` ms, say) as a
    /// `decoding` error. A `Date` holds microseconds exactly for years around 1730 to 2270; far
    /// from 2001 its precision thins out (about 30 µs in year 9999).
    public static let supportedRange: Range<Date> =
        Date(timeIntervalSince1970: Double(daysSinceEpoch(year: 1, month: 1, day: 1) * 86_400))
        ..< Date(timeIntervalSince1970: Double(daysSinceEpoch(year: 10_000, month: 1, day: 1) * 86_400))

    /// True when `date` lies in `supportedRange` (false for NaN).
    public static func isSupported(_ date: Date) -> Bool { supportedRange.contains(date) }

    /// The instant `seconds` after 1970-01-01T00:00:00Z, or nil when that is NaN, infinite or outside
    /// `supportedRange`: the one safe way to turn a vendor's epoch number into a `Date`.
    public static func instant(secondsSince1970 seconds: Double) -> Date? {
        guard seconds.isFinite else { return nil }
        let date = Date(timeIntervalSince1970: seconds)
        return isSupported(date) ? date : nil
    }

    /// `date` in UTC with `Z`, e.g. `2025-08-22T16:13:51Z`. Fractional seconds appear only when
    /// there are any: as milliseconds when the instant is a whole millisecond (`…51.988Z`), else as
    /// microseconds (`…51.123456Z`). A year outside 0000–9999 is written in ISO 8601's expanded
    /// form with a sign and six digits; no decoder in Roster produces one (see `supportedRange`).
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSinceReferenceDate
        guard interval.isFinite, abs(interval) < 1e15 else {
            return "\(date.timeIntervalSince1970) s after 1970-01-01T00:00:00Z"
        }
        var whole = interval.rounded(.down)
        var microseconds = Int(((interval - whole) * 1_000_000).rounded())
        if microseconds == 1_000_000 {
            whole += 1
            microseconds = 0
        }
        let seconds = Int(whole) + referenceDateSeconds
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = ""
        text.reserveCapacity(27)
        if (0...9999).contains(year) {
            pad(year, 4, into: &text)
        } else {
            text += year < 0 ? "-" : "+"
            pad(abs(year), 6, into: &text)
        }
        text += "-"
        pad(month, 2, into: &text)
        text += "-"
        pad(day, 2, into: &text)
        text += "T"
        pad(secondOfDay / 3600, 2, into: &text)
        text += ":"
        pad(secondOfDay / 60 % 60, 2, into: &text)
        text += ":"
        pad(secondOfDay % 60, 2, into: &text)
        if microseconds != 0 {
            text += "."
            if microseconds % 1000 == 0 {
                pad(microseconds / 1000, 3, into: &text)
            } else {
                pad(microseconds, 6, into: &text)
            }
        }
        text += "Z"
        return text
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (negative before it).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (the inverse of `daysSinceEpoch`).
    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Seconds from 1970-01-01 to Foundation's reference date, 2001-01-01.
    private static let referenceDateSeconds = 978_307_200
    private static let nanosecondsPerDigit = [100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1000, 100, 10, 1]

    private static func pad(_ value: Int, _ width: Int, into text: inout String) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }

    private static let dash = UInt8(ascii: "-")
    private static let colon = UInt8(ascii: ":")

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            guard let d = digit(b[index]) else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
