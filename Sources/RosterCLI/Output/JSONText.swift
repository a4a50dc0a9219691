#if CLI
/// A JSON value with ordered object keys, so records print fields in the documented order (JSONEncoder
/// reorders keys) and one record renders in a single pass without Foundation's encoder.
enum JSONValue: Equatable, Sendable {
    case text(String)
    case number(Int)
    case bool(Bool)
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    /// A vendor's own JSON, already rendered compact and safe for a terminal (`VendorJSON.description`).
    case vendor(String)
    /// JSON already serialized (a vendor's raw record), written as its bytes: the caller guarantees
    /// it is one compact JSON value with the same escaping rules as `quote`.
    case verbatim([UInt8])
    /// An explicit null (a vendor's custom property set to null), never used for an absent field.
    case null

    /// `.text(value)`, or nil when `value` is nil or empty: absent is omitted, never "".
    static func text(present value: String?) -> JSONValue? {
        guard let value, !value.isEmpty else { return nil }
        return .text(value)
    }

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.text(let a), .text(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
        case (.vendor(let a), .vendor(let b)): a == b
        case (.verbatim(let a), .verbatim(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// Compact JSON on one line (no newline inside, so JSON Lines stays one record per line).
    var compact: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The value as plain text for a table or CSV cell (objects and arrays as compact JSON).
    var cellText: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .object, .array, .verbatim: compact
        case .vendor(let json): json
        case .null: ""
        }
    }

    /// Appends the value's compact JSON as UTF-8 to `out`.
    func write(to out: inout [UInt8]) {
        switch self {
        case .text(let text): Self.quote(text, into: &out)
        case .number(let number): out.append(contentsOf: String(number).utf8)
        case .bool(let flag): out.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
        case .verbatim(let bytes): out.append(contentsOf: bytes)
        case .vendor(let json): out.append(contentsOf: json.utf8)
        case .null: out.append(contentsOf: Self.nullBytes)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    /// Writes `text` as a JSON string: quotes, backslashes, C0 and C1 controls, DEL and U+2028/U+2029
    /// escaped (`\u0080`), so a line viewed with `cat` cannot run a terminal escape; every other
    /// character (accents included) kept as UTF-8. Runs of bytes that need no escape are copied
    /// whole.
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in escape(bytes, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `bytes` (valid UTF-8, the inside of a JSON string) with the escapes of `quote`.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = bytes.count
        func flush(to end: Int) {
            if end > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while index < count {
            let byte = bytes[index]
            // Printable ASCII other than `"` and `\`, and UTF-8 lead or continuation bytes that cannot
            // start C1 or U+2028/U+2029, pass untouched.
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xC2 && byte != 0xE2 {
                index += 1
                continue
            }
            switch byte {
            case 0x22:
                flush(to: index)
                out.append(contentsOf: [0x5C, 0x22])
                index += 1
            case 0x5C:
                flush(to: index)
                out.append(contentsOf: [0x5C, 0x5C])
                index += 1
            case 0x0A, 0x0D, 0x09:
                flush(to: index)
                out.append(contentsOf: [0x5C, byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "t")])
                index += 1
            case 0xC2 where index + 1 < count && (0x80...0x9F).contains(bytes[index + 1]):
                flush(to: index)
                unicodeEscape(UInt32(bytes[index + 1]), into: &out)
                index += 2
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                flush(to: index)
                unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                index += 3
            case 0xC2, 0xE2:
                index += 1
                continue
            default:  // the other C0 controls and DEL
                flush(to: index)
                unicodeEscape(UInt32(byte), into: &out)
                index += 1
            }
            runStart = index
        }
        flush(to: count)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func unicodeEscape(_ value: UInt32, into out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
#endif
