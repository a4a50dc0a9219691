import Foundation
import RosterCore

/// An integer Frontcore sends either as a JSON number (`6489`) or as text (`"6489"`, `"1"`): the same
/// field changes type between endpoints (ids as numbers or text, `""` for absent, flags as 0/1 or booleans).
public struct FrontcoreInt: Hashable, Sendable, Decodable, CustomStringConvertible {
    /// The value.
    public let value: Int

    /// Wraps a value.
    public init(_ value: Int) { self.value = value }

    /// Decodes a JSON integer, or digits in a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
            return
        }
        if let number = try? container.decode(Double.self) {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an integer, got \(number) (a fraction, or beyond 64 bits)")
        }
        let text = try container.decode(String.self)
        guard let number = Int(text) ?? Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an integer as a number or as digits, got \"\(text)\"")
        }
        value = number
    }

    /// The value in decimal.
    public var description: String { String(value) }
}

/// A flag Frontcore may send as `true`/`false`, `1`/`0` or `"1"`/`"0"`/`"true"`/`"false"`.
public struct FrontcoreBool: Hashable, Sendable, Decodable {
    /// The value.
    public let value: Bool

    /// Wraps a value.
    public init(_ value: Bool) { self.value = value }

    /// Decodes a JSON bool, 0/1, or a textual flag.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else if let number = try? container.decode(Int.self) {
            value = number != 0
        } else {
            let text = try container.decode(String.self).lowercased()
            switch text {
            case "1", "true", "yes": value = true
            case "0", "false", "no", "": value = false
            default:
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected a flag, got \"\(text)\"")
            }
        }
    }
}

/// A value of a `custom_properties` object. Frontcore documents strings, but null and numbers occur;
/// every scalar is kept as text and null stays an explicit nil.
public struct FrontcorePropertyValue: Hashable, Sendable, Decodable {
    /// The value as text; nil for JSON null.
    public let text: String?

    /// Decodes null, a string, a number or a bool as text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            text = nil
        } else if let string = try? container.decode(String.self) {
            text = string
        } else if let number = try? container.decode(Int.self) {
            text = String(number)
        } else if let number = try? container.decode(Double.self) {
            text = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            text = flag ? "true" : "false"
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a scalar custom property value")
        }
    }
}

/// `custom_properties`: null on most records, an object on others (quirk 8). An empty JSON array
/// (what PHP emits for an empty map) counts as an empty object.
public struct FrontcoreCustomProperties: Hashable, Sendable, Decodable {
    /// The properties; a nil value is an explicit JSON null.
    public let values: [String: String?]

    /// Decodes an object of scalars, or `[]` as an empty object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let array = try? container.decode([FrontcorePropertyValue].self), array.isEmpty {
            values = [:]
        } else {
            values = try container.decode([String: FrontcorePropertyValue].self).mapValues(\.text)
        }
    }
}

extension String {
    /// Nil for empty or blank text: Frontcore sends `""` where it means "no value" (quirk 5).
    var nonBlank: String? { allSatisfy(\.isWhitespace) ? nil : self }
}

extension Optional where Wrapped == String {
    /// Nil for nil and for blank text.
    var nonBlank: String? { self?.nonBlank }
}

extension KeyedDecodingContainer {
    /// An optional Frontcore id or number: JSON null, a missing key or a blank string (`""`, which
    /// Frontcore sends where it means null) read as absent; anything else must be an
    /// integer or digits. The synthesized decoders of Frontcore's wire types pick this overload.
    func decodeIfPresent(_ type: FrontcoreInt.Type, forKey key: Key) throws -> FrontcoreInt? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        // A number first: the common case, and a failed attempt costs a thrown error.
        if let number = try? decode(Int.self, forKey: key) { return FrontcoreInt(number) }
        if let text = try? decode(String.self, forKey: key), text.trimmingCharacters(in: .whitespaces).isEmpty {
            return nil
        }
        return try decode(FrontcoreInt.self, forKey: key)
    }

    /// An optional Frontcore coordinate (`lat`, `lng`): a JSON number, a number in a string, or a blank
    /// string / null / missing key as absent. A latitude beyond ±90, a longitude beyond ±180, NaN or
    /// an infinity is a decoding error at the field's path.
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let limit: Double = key.stringValue == "lat" ? 90 : 180
        let number: Double
        let text: String
        if let value = try? decode(Double.self, forKey: key) {
            number = value
            text = String(value)
        } else {
            text = try decode(String.self, forKey: key).trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            guard let value = VendorNumbers.decimal(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: self, debugDescription: "expected a number, got \"\(text)\"")
            }
            number = value
        }
        guard number.isFinite, abs(number) <= limit else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected a coordinate within ±\(Int(limit)), got \(text)")
        }
        return number
    }
}
