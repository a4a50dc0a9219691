/// A set of string ids that stores the common vendor shapes in fixed-size keys, exactly (no hashing,
/// so no two ids can ever be confused): a decimal integer (Frontcore's ids) in 8 bytes, a pair of
/// decimal integers below 2³² joined by `:` (Course Dashboard's course:user) in 8 bytes, a lowercase
/// UUID (Meltingspot's ids) in 16 bytes. Any other id is kept as its text. A walk over a million
/// records then keeps 8 to 16 bytes of key per record instead of a `String` (16 bytes inline, plus a
/// heap allocation for longer ones).
struct CompactIDSet: Sendable {
    private var numbers: Set<UInt64> = []
    private var pairs: Set<UInt64> = []
    private var uuids: Set<UUIDKey> = []
    private var others: Set<String> = []

    /// 128 bits of a UUID.
    private struct UUIDKey: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
    }

    /// An empty set.
    init() {}

    /// How many ids it holds.
    var count: Int { numbers.count + pairs.count + uuids.count + others.count }

    /// True when `id` is in the set.
    func contains(_ id: String) -> Bool {
        switch Key(id) {
        case .number(let n): numbers.contains(n)
        case .pair(let p): pairs.contains(p)
        case .uuid(let high, let low): uuids.contains(UUIDKey(high: high, low: low))
        case .other: others.contains(id)
        }
    }

    /// Inserts `id`; true when it was not there before.
    @discardableResult
    mutating func insert(_ id: String) -> Bool {
        switch Key(id) {
        case .number(let n): numbers.insert(n).inserted
        case .pair(let p): pairs.insert(p).inserted
        case .uuid(let high, let low): uuids.insert(UUIDKey(high: high, low: low)).inserted
        case .other: others.insert(id).inserted
        }
    }

    /// Every id, as text exactly as inserted, in no particular order.
    var all: [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        result += numbers.map { String($0) }
        result += pairs.map { "\($0 >> 32):\($0 & 0xFFFF_FFFF)" }
        result += uuids.map { Self.uuidText(high: $0.high, low: $0.low) }
        result += others
        return result
    }

    /// The fixed-size form of an id, where it has one that gives back exactly the same text.
    enum Key: Equatable {
        case number(UInt64)
        case pair(UInt64)
        case uuid(high: UInt64, low: UInt64)
        case other

        init(_ id: String) {
            var id = id
            self = id.withUTF8 { Self.parse($0) }
        }

        private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
            if bytes.count == 36, let (high, low) = uuid(bytes) { return .uuid(high: high, low: low) }
            if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
                guard let a = decimal(UnsafeBufferPointer(rebasing: bytes[..<colon])), a <= 0xFFFF_FFFF,
                    let b = decimal(UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])), b <= 0xFFFF_FFFF
                else { return .other }
                return .pair(a << 32 | b)
            }
            return decimal(bytes).map { .number($0) } ?? .other
        }

        /// A canonical decimal (no sign, no leading zero unless it is `0`) that fits 64 bits.
        private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
            guard !bytes.isEmpty, bytes.count <= 19, bytes.count == 1 || bytes[0] != UInt8(ascii: "0") else {
                return nil
            }
            var value: UInt64 = 0
            for byte in bytes {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            }
            return value
        }

        /// A lowercase `8-4-4-4-12` hex UUID.
        private static func uuid(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
            var high: UInt64 = 0
            var low: UInt64 = 0
            var nibbles = 0
            for (index, byte) in bytes.enumerated() {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let nibble: UInt64
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(byte - UInt8(ascii: "a") + 10)
                default: return nil
                }
                if nibbles < 16 { high = high << 4 | nibble } else { low = low << 4 | nibble }
                nibbles += 1
            }
            return (high, low)
        }
    }

    private static func uuidText(high: UInt64, low: UInt64) -> String {
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: digits - text.count) + text
        }
        return hex(high >> 32, 8) + "-" + hex(high >> 16 & 0xFFFF, 4) + "-" + hex(high & 0xFFFF, 4) + "-"
            + hex(low >> 48, 4) + "-" + hex(low & 0xFFFF_FFFF_FFFF, 12)
    }
}
