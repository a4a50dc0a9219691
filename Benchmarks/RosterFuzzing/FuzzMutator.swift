/// SplitMix64: a tiny, fast generator whose whole state is one number, so every fuzz case can be
/// replayed from its case number alone.
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator for case `index` of a campaign seeded with `seed`.
    public init(seed: UInt64, index: UInt64 = 0) {
        state = seed ^ (index &* 0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is 0).
    public mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// One element of `items`.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// The structure-aware mutations the fuzzer applies to a seed document, and the hostile values it
/// plants. Every mutation is described in words, so a failing case can be read (and replayed from
/// its case number) without a debugger.
public struct FuzzMutator: Sendable {
    /// Caps that keep one case cheap enough for ten thousand in a debug test run.
    public var maxStringLength: Int
    /// The deepest nesting planted.
    public var maxDepth: Int
    /// The most copies of an array element appended (pages longer than the page size asked for).
    public var maxCopies: Int

    /// Creates a mutator; `maxStringLength` bounds the huge strings and numbers it plants.
    public init(maxStringLength: Int = 1 << 16, maxDepth: Int = 10_000, maxCopies: Int = 1000) {
        self.maxStringLength = maxStringLength
        self.maxDepth = maxDepth
        self.maxCopies = maxCopies
    }

    /// Numbers every numeric field must survive: beyond Int64 and Double, NaN-like, negative, fractional.
    public static let hostileNumbers = [
        "1e30", "1e300", "-1e30", "-1e300", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890", "1.7976931348623157e308",
        "1e400", "-1e400", "1e-300", "4.9e-324", "-0", "0", "-1", "0.5", "12.6", "99.5", "100.5", "101", "2147483648",
        "1E3", "1e2",
    ]

    /// Strings that stand for numbers, dates or links, or that are awkward text.
    public static let hostileStrings = [
        "", " ", "0", "-1", "12", "1e300", "-1e30", "9223372036854775808", "NaN", "nan", "Infinity", "-inf", "0x1p3",
        "null", "true", "2025-08-22T16:13:51.988Z", "2025-08-22T16:13:51.123456789Z", "9999-12-31T23:59:59.999999Z",
        "0000-01-01T00:00:00+01:00", "-000001-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "2025-02-30T00:00:00Z",
        "2025-08-22", "2025-08-22 16:13:51.5", "24:00", "99:99:99", "+99:00", "\u{202E}evil\u{202C}", "\u{0}",
        "a\"b\\c", "\u{1B}[31mred", "https://evil.example/next?offset=5", "http://127.0.0.1:1/x", "../..", "💥",
    ]

    /// The values a type swap chooses from.
    public static var swapValues: [FuzzJSON] {
        hostileNumbers.map { .number($0) } + hostileStrings.map { .string($0) } + [
            .null, .bool(true), .bool(false), .object([]), .array([]), .object([.init("id", .number("1"))]),
            .array([.null]), .array([.number("1"), .string("x")]),
        ]
    }

    /// One mutated document: its bytes and what was done to the seed.
    public struct Mutation: Sendable {
        public var bytes: [UInt8]
        public var steps: [String]
    }

    /// A seed with its node paths worked out once (the mutations pick among them).
    public struct Shape: Sendable {
        /// The seed.
        public let document: FuzzJSON
        /// Every node's path.
        public let paths: [[FuzzJSON.Step]]
        /// The paths of objects, and of arrays.
        let objects: [[FuzzJSON.Step]], arrays: [[FuzzJSON.Step]]

        /// The shape of `document`.
        public init(_ document: FuzzJSON) {
            self.document = document
            paths = document.paths
            var objects: [[FuzzJSON.Step]] = []
            var arrays: [[FuzzJSON.Step]] = []
            for path in paths {
                switch document.node(at: path) {
                case .object?: objects.append(path)
                case .array?: arrays.append(path)
                default: break
                }
            }
            self.objects = objects
            self.arrays = arrays
        }
    }

    /// `mutate(_:random:)` for a document whose shape is not worked out yet.
    public func mutate(_ seed: FuzzJSON, random: inout FuzzRandom) -> Mutation {
        mutate(Shape(seed), random: &random)
    }

    /// One to three structural edits of `seed` (a type swap, a hostile number or string, a huge
    /// value, deep nesting, a duplicate key, a removed member, invalid UTF-8, a repeated element),
    /// then with some chance a byte-level edit of the result (truncation, a flipped, inserted or
    /// deleted byte). Edits pick among the seed's own nodes; one that an earlier edit of the same
    /// case removed leaves the document as it is.
    public func mutate(_ seed: Shape, random: inout FuzzRandom) -> Mutation {
        var document = seed.document
        var steps: [String] = []
        for _ in 0..<(1 + random.below(3)) {
            let path = random.pick(seed.paths)
            let where_ = document.jsonPath(path)
            switch random.below(11) {
            case 0, 1, 2:
                let value = random.pick(Self.swapValues)
                steps.append("swap \(where_) for \(String(decoding: value.bytes.prefix(60), as: UTF8.self))")
                document = document.replacing(at: path) { _ in value }
            case 3:
                let number = random.pick(Self.hostileNumbers)
                let quoted = random.chance(30)
                steps.append("plant \(quoted ? "\"\(number)\"" : number) at \(where_)")
                document = document.replacing(at: path) { _ in quoted ? .string(number) : .number(number) }
            case 4:
                let length = 1 + random.below(maxStringLength)
                let unit = random.pick(["a", "é", "\\", "\"", "\u{0}", "💥", "9"])
                steps.append("huge string (\(length) × \(unit.debugDescription)) at \(where_)")
                // Written as raw bytes: building a String of a million escapes costs more than decoding it.
                var escaped: [UInt8] = []
                FuzzJSON.quote(unit, into: &escaped)
                let unitBytes = Array(escaped.dropFirst().dropLast())
                let bytes = [UInt8](unsafeUninitializedCapacity: unitBytes.count * length + 2) { buffer, count in
                    buffer[0] = UInt8(ascii: "\"")
                    unitBytes.withUnsafeBufferPointer { unit in
                        for copy in 0..<length {
                            let start = 1 + copy * unit.count
                            _ = UnsafeMutableBufferPointer(rebasing: buffer[start..<start + unit.count]).initialize(
                                from: unit)
                        }
                    }
                    buffer[unitBytes.count * length + 1] = UInt8(ascii: "\"")
                    count = unitBytes.count * length + 2
                }
                document = document.replacing(at: path) { _ in .raw(bytes) }
            case 5:
                let digits = 1 + random.below(maxStringLength / 4)
                let shape = random.below(4)
                let text: String
                switch shape {
                case 0: text = String(repeating: "9", count: digits)
                case 1: text = "-" + String(repeating: "9", count: digits)
                case 2: text = "0." + String(repeating: "1", count: digits)
                default: text = "1e" + String(repeating: "9", count: min(digits, 40))
                }
                steps.append("huge number (\(text.count) characters) at \(where_)")
                document = document.replacing(at: path) { _ in .number(text) }
            case 6:
                let depth = random.pick([2, 64, 511, 512, 513, 1000, maxDepth])
                let asObject = random.chance(50)
                steps.append("nest \(where_) \(depth) levels deep in \(asObject ? "objects" : "arrays")")
                document = document.replacing(at: path) { node in
                    asObject
                        ? .nested(open: Array("{\"a\":".utf8), close: Array("}".utf8), depth: depth, inner: node)
                        : .nested(open: Array("[".utf8), close: Array("]".utf8), depth: depth, inner: node)
                }
            case 7:
                guard !seed.objects.isEmpty else { continue }
                let objectPath = random.pick(seed.objects)
                guard case .object(let members)? = document.node(at: objectPath), !members.isEmpty else { continue }
                let position = random.below(members.count)
                let value = random.pick(Self.swapValues)
                let before = random.chance(50)
                steps.append(
                    "duplicate key \"\(members[position].key)\" in \(document.jsonPath(objectPath)) "
                        + "(\(before ? "before" : "after"), "
                        + "value \(String(decoding: value.bytes.prefix(40), as: UTF8.self)))")
                document = document.replacing(at: objectPath) { _ in
                    var copy = members
                    copy.insert(.init(members[position].key, value), at: before ? position : position + 1)
                    return .object(copy)
                }
            case 8:
                guard !seed.objects.isEmpty else { continue }
                let objectPath = random.pick(seed.objects)
                guard case .object(let members)? = document.node(at: objectPath), !members.isEmpty else { continue }
                let position = random.below(members.count)
                steps.append("remove \"\(members[position].key)\" from \(document.jsonPath(objectPath))")
                document = document.replacing(at: objectPath) { _ in
                    var copy = members
                    copy.remove(at: position)
                    return .object(copy)
                }
            case 9:
                let bad = random.pick(Self.invalidUTF8)
                steps.append("invalid UTF-8 \(bad.map { String($0, radix: 16) }) in a string at \(where_)")
                document = document.replacing(at: path) { node in
                    var text: [UInt8] = [UInt8(ascii: "\"")]
                    if case .string(let content) = node {
                        var quoted: [UInt8] = []
                        FuzzJSON.quote(content, into: &quoted)
                        text = Array(quoted.dropLast())
                    }
                    let cut = random.below(text.count) + 1
                    return .raw(Array(text[..<cut]) + bad + Array(text[cut...]) + [UInt8(ascii: "\"")])
                }
            default:
                guard !seed.arrays.isEmpty else { continue }
                let arrayPath = random.pick(seed.arrays)
                guard case .array(let items)? = document.node(at: arrayPath), !items.isEmpty else { continue }
                let item = random.pick(items)
                // Pages longer than any page size asked for, but not beyond 512 KiB of repeats.
                let wanted = random.pick([2, 3, 101, 251, 1000].filter { $0 <= max(2, maxCopies) })
                let copies = max(2, min(wanted, (512 << 10) / max(1, item.bytes.count)))
                steps.append("repeat an element of \(document.jsonPath(arrayPath)) \(copies) times")
                document = document.replacing(at: arrayPath) { _ in
                    .array(items + Array(repeating: item, count: copies))
                }
            }
        }
        var bytes = document.bytes
        if random.chance(15), !bytes.isEmpty {
            let at = random.below(bytes.count)
            switch random.below(4) {
            case 0:
                steps.append("truncate at byte \(at) of \(bytes.count)")
                bytes.removeSubrange(at...)
            case 1:
                let mask = UInt8(1 + random.below(255))
                steps.append("xor byte \(at) with \(mask)")
                bytes[at] ^= mask
            case 2:
                let inserted = random.pick(Self.insertions)
                steps.append("insert \(inserted) at byte \(at)")
                bytes.insert(contentsOf: inserted, at: at)
            default:
                steps.append("delete byte \(at)")
                bytes.remove(at: at)
            }
        }
        return Mutation(bytes: bytes, steps: steps)
    }

    /// Byte sequences that are not UTF-8, or not allowed in JSON strings.
    public static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xE2, 0x82], [0x80], [0x00], [0x1F], Array("\\ud800".utf8), Array("\\udc00\\ud800".utf8), Array("\\u00".utf8),
        Array("\\x41".utf8),
    ]

    static let insertions: [[UInt8]] = [
        [0xEF, 0xBB, 0xBF], Array(",".utf8), Array("}".utf8), Array("]".utf8), Array("\"".utf8), Array("\\".utf8),
        [0x00], Array("NaN".utf8), Array("/*x*/".utf8), Array(",,".utf8), [0xFF],
    ]
}
