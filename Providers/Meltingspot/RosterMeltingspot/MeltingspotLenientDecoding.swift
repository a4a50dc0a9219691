import Foundation
import RosterCore

/// The lenient readings Meltingspot's payloads need, each failing with a decoding error at the
/// field's JSON path when a value is truly unusable.
extension KeyedDecodingContainer {
    /// An id sent as a string or a number, as text (ids are opaque).
    func decodeOpaqueID(forKey key: Key) throws -> String {
        if let text = try? decode(String.self, forKey: key) { return text }
        if let number = try? decode(Int64.self, forKey: key) { return String(number) }
        if let number = try? decode(Double.self, forKey: key) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath + [key],
                    debugDescription: "expected an id, got the number \(number) (a fraction, or beyond 64 bits)"))
        }
        return try decode(String.self, forKey: key)  // rethrows with the path and the real problem
    }

    /// An optional id (string, number, null or absent); `""` is absent.
    func decodeOpaqueIDIfPresent(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let id = try decodeOpaqueID(forKey: key)
        return id.isEmpty ? nil : id
    }

    /// A text field that may be null, absent or `""` (all absent).
    func decodeTextIfPresent(forKey key: Key) throws -> String? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return text.isEmpty ? nil : text
    }

    /// A participant name: documented as `object | null` with the example `{}`, in practice a string.
    /// A string is the name (`""` is absent); null, absent and any object are absent. Other JSON
    /// types are a decoding error.
    func decodeParticipantName(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let text = try? decode(String.self, forKey: key) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : text
        }
        if (try? nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)) != nil { return nil }
        throw DecodingError.typeMismatch(
            String.self,
            .init(codingPath: codingPath + [key], debugDescription: "expected a name as a string, an object or null"))
    }

    /// An ISO 8601 instant, with or without milliseconds; null, absent or `""` is absent.
    func decodeISOInstantIfPresent(forKey key: Key) throws -> Date? {
        guard let text = try decodeTextIfPresent(forKey: key) else { return nil }
        guard let date = MeltingspotTimestamps.instant(iso8601: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath + [key], debugDescription: "expected an ISO 8601 date-time, got \"\(text)\"")
            )
        }
        return date
    }

    /// An epoch-milliseconds instant (integer, or a numeric string); null or absent is absent. A
    /// value that is no instant in years 1–9999 (`1e300`, `"NaN"`) is a decoding error.
    func decodeEpochMillisecondsIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let milliseconds: Double?
        let text: String
        if let number = try? decode(Double.self, forKey: key) {
            milliseconds = number
            text = String(number)
        } else {
            text = try decode(String.self, forKey: key)
            if text.isEmpty { return nil }
            milliseconds = VendorNumbers.decimal(text)
        }
        guard let milliseconds, let date = MeltingspotTimestamps.instant(epochMilliseconds: milliseconds) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath + [key],
                    debugDescription: "expected epoch milliseconds within years 1–9999, got \"\(text)\""))
        }
        return date
    }

    /// A whole number sent as an integer, a decimal (rounded) or a numeric string, which must lie in
    /// `range` (a total in `VendorNumbers.counts`, a rate in `VendorNumbers.percentages`); null or
    /// absent is absent. Anything else, NaN and out-of-range values included, is a decoding error.
    func decodeLenientIntIfPresent(forKey key: Key, in range: ClosedRange<Int>) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let value: Int?
        let text: String
        if let number = try? decode(Double.self, forKey: key) {
            value = VendorNumbers.integer(number, in: range)
            text = String(number)
        } else {
            text = try decode(String.self, forKey: key)
            if text.isEmpty { return nil }
            value = VendorNumbers.integer(text, in: range)
        }
        guard let value else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath + [key],
                    debugDescription:
                        "expected a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(text)\""))
        }
        return value
    }
}

/// A coding key for any name: used to look inside objects whose keys are not known in advance.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
