public import Foundation

/// The vendor's own record, carried alongside a neutral one: the escape hatch for fields Roster does
/// not model. It holds the record's raw JSON (`raw`, when the adapter read one) and the vendor's
/// typed record, decoded from the raw JSON only when first asked for (`value`, `as(_:)`), so a
/// listing pays for the fields it maps and not for every field the vendor sends. It takes no part in
/// equality or hashing, and is not encoded (it decodes as absent).
public struct NativeRecord: Hashable, Sendable, Codable {
    private let storage: Storage

    /// Wraps a vendor record that is already decoded.
    public init(_ value: any Sendable) { storage = Storage(value: value, raw: nil, decode: nil) }

    /// Wraps a decoded vendor record and the raw JSON it was read from.
    public init(_ value: any Sendable, raw: RawVendorRecord) {
        storage = Storage(value: value, raw: raw, decode: nil)
    }

    /// A record kept as its raw JSON, decoded by `decode` when first asked for.
    public init(raw: RawVendorRecord, decode: @escaping @Sendable (Data) throws -> any Sendable) {
        storage = Storage(value: nil, raw: raw, decode: decode)
    }

    /// The record's JSON exactly as the vendor sent it, where the adapter kept it.
    public var raw: RawVendorRecord? { storage.raw }

    /// The vendor record; for a record kept as raw JSON, decoded now (once). When the raw JSON does
    /// not decode as the vendor's full record (a field Roster does not map is malformed), the raw
    /// record itself.
    public var value: any Sendable { storage.resolved() }

    /// The record as `type`, or nil when it is something else (or could not be decoded as it).
    public func `as`<T>(_ type: T.Type) -> T? { value as? T }

    public static func == (lhs: NativeRecord, rhs: NativeRecord) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}

    /// Always fails: a native record is never serialized. Containers decode it with `decodeIfPresent`
    /// from an absent key, so this is only reached if someone put a value there.
    public init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(
            .init(codingPath: decoder.codingPath, debugDescription: "a native vendor record is not decodable"))
    }

    /// Encodes nothing (an empty container) so that serialization never leaks vendor internals.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }

    /// The record, raw and/or decoded, behind a lock so that it is decoded once however many copies
    /// of the enrollment ask.
    private final class Storage: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (any Sendable)?
        let raw: RawVendorRecord?
        private var decode: (@Sendable (Data) throws -> any Sendable)?

        init(value: (any Sendable)?, raw: RawVendorRecord?, decode: (@Sendable (Data) throws -> any Sendable)?) {
            self.value = value
            self.raw = raw
            self.decode = decode
        }

        func resolved() -> any Sendable {
            lock.withLock {
                if let value { return value }
                let decoded: any Sendable = (raw.flatMap { raw in try? decode?(raw.bytes) }) ?? (raw ?? RawVendorRecord(Data()))
                value = decoded
                decode = nil
                return decoded
            }
        }
    }
}

extension Enrollment {
    /// The enrollment's record exactly as the vendor sent it (its JSON object), where the adapter
    /// kept it: every adapter does for listings, single reads and writes.
    public var raw: RawVendorRecord? { native?.raw }
}

extension Course {
    /// The course's record exactly as the vendor sent it, where the adapter kept it.
    public var raw: RawVendorRecord? { native?.raw }
}
