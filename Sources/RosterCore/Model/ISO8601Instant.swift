public import Foundation

/// A fast, strict parser for the ISO 8601 instants vendors send: `YYYY-MM-DDTHH:MM:SS`, optional
/// fractional seconds, then `Z` or a numeric offset (`±HH:MM` or `±HHMM`). It reads UTF-8 bytes
/// directly, with no formatter, because every record of a long listing carries several timestamps
/// (see Benchmarks/README.md). Anything else returns nil, so callers can fall back to a general parser.
public enum ISO8601Instant {
    /// The instant `text` names, or nil when it is not in the strict form above.
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
        var fraction = 0.0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, let digit = digit(b[index]) {
                fraction += Double(digit) * scale
                scale /= 10
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
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
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
