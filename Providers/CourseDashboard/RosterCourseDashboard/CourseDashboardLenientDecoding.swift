import Foundation
import RosterCore

/// Decoding rules for what the API may send loosely: ids as numbers or strings, `""` meaning absent,
/// percentages as integers or decimals, and date-times with `Z` or an offset, with or without
/// fractional seconds. A value that fits none of these fails with the key's JSON path.
extension KeyedDecodingContainer {
    /// An id sent as an integer or a string.
    func decodeLenientID(_ key: Key) throws -> String {
        guard let value = try decodeLenientIDIfPresent(key) else {
            throw DecodingError.valueNotFound(
                String.self, .init(codingPath: codingPath + [key], debugDescription: "the id is null or empty"))
        }
        return value
    }

    /// An optional id sent as an integer or a string; nil when absent, null or `""`.
    func decodeLenientIDIfPresent(_ key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let number = try? decode(Int.self, forKey: key) { return String(number) }
        if let number = try? decode(Double.self, forKey: key) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected an integer id, got \(number) (a fraction, or beyond 64 bits)")
        }
        let text = try decode(String.self, forKey: key)
        return text.isEmpty ? nil : text
    }

    /// A string; nil when absent, null or `""`.
    func decodeNonEmptyStringIfPresent(_ key: Key) throws -> String? {
        let text = try decodeIfPresent(String.self, forKey: key)
        return text?.isEmpty == true ? nil : text
    }

    /// A whole number sent as a number (decimals are rounded) or a numeric string, which must lie in
    /// `range` (a count in `VendorNumbers.counts`, a rate in `VendorNumbers.percentages`); nil when
    /// absent, null or `""`. NaN, `1e300` and anything else outside `range` fail at the key's path.
    func decodeLenientIntIfPresent(_ key: Key, in range: ClosedRange<Int>) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let value: Int?
        let text: String
        if let number = try? decode(Int.self, forKey: key) {
            value = range.contains(number) ? number : nil
            text = String(number)
        } else if let number = try? decode(Double.self, forKey: key) {
            value = VendorNumbers.integer(number, in: range)
            text = String(number)
        } else {
            text = try decode(String.self, forKey: key)
            if text.isEmpty { return nil }
            value = VendorNumbers.integer(text, in: range)
        }
        guard let value else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription:
                    "expected a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
        }
        return value
    }

    /// An ISO 8601 date-time; nil when absent, null or `""`.
    func decodeInstantIfPresent(_ key: Key) throws -> Date? {
        guard let text = try decodeNonEmptyStringIfPresent(key) else { return nil }
        guard let date = CourseDashboardDates.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an ISO 8601 date-time, got \"\(text)\"")
        }
        return date
    }
}

/// ISO 8601 date-times as DRF renders them: `Z` or `±hh:mm`, fractional seconds optional (DRF sends
/// microseconds; they are kept). Instants outside years 1–9999 are refused.
enum CourseDashboardDates {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let plain = Date.ISO8601FormatStyle()

    /// The instant `text` names, or nil.
    static func parse(_ text: String) -> Date? {
        if let date = ISO8601Instant.parse(text) { return date }
        let date = (try? style.parse(text)) ?? (try? plain.parse(text))
        return date.flatMap { ISO8601Instant.isSupported($0) ? $0 : nil }
    }
}
