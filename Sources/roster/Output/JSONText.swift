#if CLI
/// A JSON value with ordered object keys, so records print fields in the documented order (JSONEncoder
/// reorders keys) and one record renders in a single pass without Foundation's encoder.
enum JSONValue: Equatable, Sendable {
    case text(String)
    case number(Int)
    case bool(Bool)
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
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
        case (.null, .null): true
        default: false
        }
    }

    /// Compact JSON on one line (no newline inside, so JSON Lines stays one record per line).
    var compact: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// The value as plain text for a table or CSV cell (objects and arrays as compact JSON).
    var cellText: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .object, .array: compact
        case .null: ""
        }
    }

    func write(to out: inout String) {
        switch self {
        case .text(let text): Self.quote(text, into: &out)
        case .number(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.quote(member.key, into: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Writes `text` as a JSON string: quotes, backslashes, C0 and C1 controls, DEL and U+2028/U+2029
    /// escaped (`\u0080`), so a line viewed with `cat` cannot run a terminal escape; every other
    /// character (accents included) kept as UTF-8.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
#endif
