import Foundation

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
        let text = try decode(String.self, forKey: key)
        return text.isEmpty ? nil : text
    }

    /// A string; nil when absent, null or `""`.
    func decodeNonEmptyStringIfPresent(_ key: Key) throws -> String? {
        let text = try decodeIfPresent(String.self, forKey: key)
        return text?.isEmpty == true ? nil : text
    }

    /// An integer sent as a number (decimals are rounded) or a numeric string.
    func decodeLenientIntIfPresent(_ key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let number = try? decode(Int.self, forKey: key) { return number }
        if let number = try? decode(Double.self, forKey: key), number.isFinite { return Int(number.rounded()) }
        let text = try decode(String.self, forKey: key)
        if text.isEmpty { return nil }
        guard let number = Int(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an integer, got \"\(text)\"")
        }
        return number
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

/// ISO 8601 date-times as DRF renders them: `Z` or `±hh:mm`, fractional seconds optional.
enum CourseDashboardDates {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let plain = Date.ISO8601FormatStyle()

    /// The instant `text` names, or nil.
    static func parse(_ text: String) -> Date? {
        if let date = try? style.parse(text) { return date }
        return try? plain.parse(text)
    }
}
