/// A JSON document as the fuzzer edits it: object members keep their order and may repeat (duplicate
/// keys), numbers keep their exact text (`1e300`, `9223372036854775808`), and two extra node kinds
/// write what JSON values cannot hold: raw bytes (invalid UTF-8) and deep nesting written in a loop
/// (so 10,000 levels cost no recursion here).
public indirect enum FuzzJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number, as its literal text.
    case number(String)
    /// A string, unescaped.
    case string(String)
    case array([FuzzJSON])
    /// Members in order; keys may repeat.
    case object([Member])
    /// Bytes written verbatim (quotes included when it stands for a string).
    case raw([UInt8])
    /// `inner` wrapped `depth` times in `open` … `close` (e.g. `[` … `]`, or `{"a":` … `}`).
    case nested(open: [UInt8], close: [UInt8], depth: Int, inner: FuzzJSON)

    /// One object member.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: FuzzJSON
        public init(_ key: String, _ value: FuzzJSON) {
            self.key = key
            self.value = value
        }
    }

    /// One step from a node to a child: an array index, or the position of an object member.
    public enum Step: Hashable, Sendable {
        case index(Int)
        case member(Int)
    }

    // MARK: Parsing

    /// Parses standard JSON (the seeds are well-formed; a trailing comma, as in Frontcore's published
    /// PUT sample, is read past so that seed can be fuzzed too); nil for anything else.
    public init?(parsing bytes: [UInt8]) {
        var parser = Parser(bytes: bytes)
        guard let value = parser.value(), parser.atEnd() else { return nil }
        self = value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func atEnd() -> Bool {
            skipSpace()
            return index == bytes.count
        }

        mutating func value() -> FuzzJSON? {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [Member] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: "}"), !members.isEmpty {
                        index += 1
                        return .object(members)
                    }
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                    index += 1
                    guard let member = value() else { return nil }
                    members.append(Member(key, member))
                    skipSpace()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                    } else if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        return .object(members)
                    } else {
                        return nil
                    }
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [FuzzJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                while true {
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: "]"), !items.isEmpty {
                        index += 1
                        return .array(items)
                    }
                    guard let item = value() else { return nil }
                    items.append(item)
                    skipSpace()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                    } else if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        return .array(items)
                    } else {
                        return nil
                    }
                }
            case UInt8(ascii: "\""):
                return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default:
                let start = index
                while index < bytes.count, Self.numberBytes.contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                return .number(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        static let numberBytes = Set("0123456789+-.eE".utf8)

        mutating func literal(_ word: String, _ value: FuzzJSON) -> FuzzJSON? {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected
            else { return nil }
            index += expected.count
            return value
        }

        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var scalars = String.UnicodeScalarView()
            var pendingHigh: UInt32?
            var run: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll()
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") {
                    flush()
                    return String(scalars)
                }
                guard byte == UInt8(ascii: "\\") else {
                    run.append(byte)
                    continue
                }
                flush()
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count,
                        let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                    else { return nil }
                    index += 4
                    if (0xD800..<0xDC00).contains(code) {
                        pendingHigh = code
                    } else if (0xDC00..<0xE000).contains(code), let high = pendingHigh {
                        let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                        if let scalar = Unicode.Scalar(combined) { scalars.append(scalar) }
                        pendingHigh = nil
                    } else if let scalar = Unicode.Scalar(code) {
                        scalars.append(scalar)
                    }
                default: scalars.append(Unicode.Scalar(escape))
                }
            }
            return nil
        }
    }

    // MARK: Writing

    /// The document as bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    /// Appends the document's bytes to `out`.
    public func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): Self.quote(text, into: &out)
        case .raw(let bytes): out += bytes
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .nested(let open, let close, let depth, let inner):
            out.reserveCapacity(out.count + depth * (open.count + close.count))
            for _ in 0..<depth { out += open }
            inner.write(into: &out)
            for _ in 0..<depth { out += close }
        }
    }

    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        // Runs of bytes that need no escape are copied whole; UTF-8 continuation bytes never look
        // like the ASCII that does.
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                // Byte by byte, no temporary arrays: a huge string of quotes is a million escapes.
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                default:
                    out.append(UInt8(ascii: "u"))
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "0"))
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    // MARK: Paths

    /// Every node's path, the root (`[]`) first, in document order.
    public var paths: [[Step]] {
        var result: [[Step]] = []
        collect(prefix: [], into: &result)
        return result
    }

    private func collect(prefix: [Step], into result: inout [[Step]]) {
        result.append(prefix)
        switch self {
        case .array(let items):
            for (position, item) in items.enumerated() {
                item.collect(prefix: prefix + [.index(position)], into: &result)
            }
        case .object(let members):
            for (position, member) in members.enumerated() {
                member.value.collect(prefix: prefix + [.member(position)], into: &result)
            }
        default: break
        }
    }

    /// The node at `path`, or nil when the path leads nowhere.
    public func node(at path: some Collection<Step>) -> FuzzJSON? {
        guard let step = path.first else { return self }
        switch (self, step) {
        case (.array(let items), .index(let position)) where items.indices.contains(position):
            return items[position].node(at: path.dropFirst())
        case (.object(let members), .member(let position)) where members.indices.contains(position):
            return members[position].value.node(at: path.dropFirst())
        default: return nil
        }
    }

    /// The document with the node at `path` replaced by `transform(node)`; unchanged when the path
    /// leads nowhere.
    public func replacing(at path: some Collection<Step>, _ transform: (FuzzJSON) -> FuzzJSON) -> FuzzJSON {
        guard let step = path.first else { return transform(self) }
        switch (self, step) {
        case (.array(var items), .index(let position)) where items.indices.contains(position):
            items[position] = items[position].replacing(at: path.dropFirst(), transform)
            return .array(items)
        case (.object(var members), .member(let position)) where members.indices.contains(position):
            members[position].value = members[position].value.replacing(at: path.dropFirst(), transform)
            return .object(members)
        default: return self
        }
    }

    /// `path` as Roster writes JSON paths in decoding errors, e.g. `$[0].coursedate.gmt_offset`.
    public func jsonPath(_ path: some Collection<Step>) -> String {
        var text = "$"
        var node = self
        for step in path {
            switch (node, step) {
            case (.array(let items), .index(let position)) where items.indices.contains(position):
                text += "[\(position)]"
                node = items[position]
            case (.object(let members), .member(let position)) where members.indices.contains(position):
                text += "." + members[position].key
                node = members[position].value
            default: return text
            }
        }
        return text
    }
}
