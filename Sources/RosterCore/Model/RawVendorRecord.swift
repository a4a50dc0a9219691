public import Foundation

/// One record exactly as the vendor sent it: the bytes of its JSON object, cut from the response
/// body (no field dropped, nothing re-encoded), so a caller can always reach a vendor field Roster
/// does not model. Listings, single reads and writes put one on every enrollment and course
/// (`Enrollment.raw`, `Course.raw`). It is kept as bytes and decoded only when asked.
public struct RawVendorRecord: Hashable, Sendable, CustomStringConvertible {
    /// The record's JSON, byte for byte as it appeared in the response (one JSON value, usually an
    /// object; it may contain the vendor's own whitespace).
    public let bytes: Data

    /// Wraps the bytes of one JSON value.
    public init(_ bytes: Data) { self.bytes = bytes }

    /// The JSON as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The record decoded as `type`.
    public func decode<T: Decodable>(_ type: T.Type, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: bytes)
    }

    /// The record as Foundation values (`JSONSerialization`: dictionaries, arrays, strings, numbers).
    public func jsonObject() throws -> Any {
        try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
    }

    /// The size only: a record can hold personal data, which has no place in logs.
    public var description: String { "RawVendorRecord(\(bytes.count) bytes)" }
}

/// Finds where the records of a vendor's JSON response lie in its bytes, so each decoded record can
/// carry its own raw JSON (`RawVendorRecord`). It reads a body the decoder has already accepted and
/// only splits it: it never decides what a record holds.
public enum JSONRecordBytes {
    /// The raw records of the array at the top of `body` (when `members` is empty) or under the first
    /// of `members` the top-level object holds (the order a decoder tries them in). Throws `decoding`
    /// unless it finds exactly `count` elements, so a raw record is never paired with the wrong one.
    public static func records(in body: Data, members: [String] = [], count: Int) throws -> [RawVendorRecord] {
        // No records (an empty, null or absent list): nothing to find.
        if count == 0 { return [] }
        let ranges = body.withUnsafeBytes { buffer -> [Range<Int>]? in
            var scanner = Scanner(bytes: buffer.bindMemory(to: UInt8.self))
            return scanner.elements(members: members.map { Array($0.utf8) })
        }
        guard let ranges, ranges.count == count else {
            let place = members.isEmpty ? "$" : "$.\(members[0])"
            throw RosterError(
                .decoding, "the records of the response could not be told apart in its bytes", jsonPath: place)
        }
        return ranges.map { RawVendorRecord(body.subdata(in: shifted($0, body))) }
    }

    /// The raw record of a body holding one JSON value (a single record), without the whitespace
    /// around it.
    public static func record(in body: Data) -> RawVendorRecord {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = body.firstIndex(where: { !isSpace($0) }), let last = body.lastIndex(where: { !isSpace($0) })
        else { return RawVendorRecord(Data()) }
        return RawVendorRecord(Data(body[first...last]))
    }

    private static func shifted(_ range: Range<Int>, _ body: Data) -> Range<Data.Index> {
        (body.startIndex + range.lowerBound)..<(body.startIndex + range.upperBound)
    }

    /// A forward scan over JSON bytes that skips values without building them.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// The element ranges of the target array; nil when the body is not shaped as expected.
        mutating func elements(members: [[UInt8]]) -> [Range<Int>]? {
            skipSpace()
            if members.isEmpty { return arrayElements() }
            guard peek == UInt8(ascii: "{") else { return nil }
            index += 1
            var found: [Int: Int] = [:]  // member rank → start of its value
            var duplicate = false
            while true {
                skipSpace()
                if peek == UInt8(ascii: "}") { break }
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard let key = stringRange() else { return nil }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace()
                let rank = members.firstIndex { $0.elementsEqual(bytes[key]) }
                if let rank {
                    if found[rank] != nil { duplicate = true }
                    found[rank] = index
                }
                guard skipValue() else { return nil }
            }
            guard !duplicate, let rank = found.keys.min(), let start = found[rank] else { return nil }
            index = start
            return arrayElements()
        }

        private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        /// The ranges of the elements of the array at `index` (empty elements, as a lenient parser
        /// might let through a trailing comma, are not elements).
        private mutating func arrayElements() -> [Range<Int>]? {
            guard peek == UInt8(ascii: "[") else { return nil }
            index += 1
            var ranges: [Range<Int>] = []
            while true {
                skipSpace()
                guard let byte = peek else { return nil }
                if byte == UInt8(ascii: "]") { return ranges }
                if byte == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                let start = index
                guard skipValue() else { return nil }
                ranges.append(start..<index)
            }
        }

        /// The range of the string at `index`, quotes excluded; moves past it.
        private mutating func stringRange() -> Range<Int>? {
            guard peek == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while let byte = peek {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    defer { index += 1 }
                    return start..<index
                }
                index += 1
            }
            return nil
        }

        /// Moves past the value at `index` (containers counted by depth, strings skipped whole).
        private mutating func skipValue() -> Bool {
            guard let first = peek else { return false }
            switch first {
            case UInt8(ascii: "\""):
                return stringRange() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while let byte = peek {
                    switch byte {
                    case UInt8(ascii: "\""):
                        guard stringRange() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                while let byte = peek, byte != UInt8(ascii: ","), byte != UInt8(ascii: "]"),
                    byte != UInt8(ascii: "}"), byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09
                {
                    index += 1
                }
                return true
            }
        }
    }
}
