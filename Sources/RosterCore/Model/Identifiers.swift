/// A string-backed identifier. Vendors use integers, UUIDs and opaque strings; Roster keeps every id as
/// text so that no vendor's id is ever truncated, re-formatted or confused with a number.
public protocol StringIdentifier: Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The id exactly as the vendor sent it (numbers rendered in decimal).
    var rawValue: String { get }
    /// Wraps a raw id.
    init(_ rawValue: String)
}

extension StringIdentifier {
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes from a JSON string, or from a JSON integer (rendered in decimal), since vendors send both.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.init(text)
        } else if let number = try? container.decode(Int64.self) {
            self.init(String(number))
        } else {
            throw DecodingError.typeMismatch(
                String.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected an id as a string or an integer"))
        }
    }

    /// Encodes as a JSON string: ids are always strings in Roster's canonical records.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Names one provider (vendor adapter or the in-memory provider), e.g. `frontcore`.
public struct ProviderID: StringIdentifier {
    /// The id as text.
    public let rawValue: String
    /// Wraps a raw id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a course within one provider.
public struct CourseID: StringIdentifier {
    /// The id as text.
    public let rawValue: String
    /// Wraps a raw id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a scheduled run of a course (Frontcore's course date) within one provider.
public struct SessionID: StringIdentifier {
    /// The id as text.
    public let rawValue: String
    /// Wraps a raw id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies one enrollment within one provider; unique per provider even where the vendor has no
/// enrollment id of its own (Course Dashboard builds it from course and user).
public struct EnrollmentID: StringIdentifier {
    /// The id as text.
    public let rawValue: String
    /// Wraps a raw id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a person (user, spot member) within one provider.
public struct LearnerID: StringIdentifier {
    /// The id as text.
    public let rawValue: String
    /// Wraps a raw id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Identifies an organization (Frontcore customer) within one provider.
public struct OrganizationID: StringIdentifier {
    /// The id as text.
    public let rawValue: String
    /// Wraps a raw id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
