#if CLI
import Foundation
import RosterCore

/// A vendor's raw record made fit for one line of output: the same JSON value, compact (whitespace
/// between tokens dropped), with every string that holds a credential rewritten with the redaction
/// mask, and with DEL, C1 controls and U+2028/U+2029 inside strings escaped as `JSONValue.quote`
/// does (so `cat` cannot run a terminal escape). Numbers, literals and every other string keep the
/// vendor's exact bytes. Bytes that are no JSON value (which the vendor's decoder would not have let
/// through) come out as one JSON string of their text, so nothing is lost either way.
enum RawJSONText {
    /// The output form of `raw`.
    static func value(_ raw: RawVendorRecord, redactor: CredentialRedactor) -> JSONValue {
        if let bytes = compact(raw.bytes, redactor: redactor) { return .verbatim(bytes) }
        return .text(redactor.redact(raw.text))
    }

    /// `json` compacted, redacted and escaped; nil when it is not one valid JSON value in UTF-8.
    static func compact(_ json: Data, redactor: CredentialRedactor) -> [UInt8]? {
        guard String(validating: json, as: UTF8.self) != nil else { return nil }
        return json.withUnsafeBytes { buffer -> [UInt8]? in
            var writer = Writer(bytes: buffer.bindMemory(to: UInt8.self), redactor: redactor)
            return writer.run()
        }
    }

    private struct Writer {
        let bytes: UnsafeBufferPointer<UInt8>
        let redactor: CredentialRedactor
        var index = 0
        var out: [UInt8] = []
        /// Open containers, innermost last (`{` or `[`), bounded like the vendors' decoders.
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, redactor: CredentialRedactor) {
            self.bytes = bytes
            self.redactor = redactor
            out.reserveCapacity(bytes.count)
        }

        mutating func run() -> [UInt8]? {
            var values = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x20, 0x0A, 0x0D, 0x09:
                    index += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    guard depth <= 512 else { return nil }
                    out.append(byte)
                    index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    guard depth >= 0 else { return nil }
                    out.append(byte)
                    index += 1
                    if depth == 0 { values += 1 }
                case UInt8(ascii: ","), UInt8(ascii: ":"):
                    guard depth > 0 else { return nil }
                    out.append(byte)
                    index += 1
                case UInt8(ascii: "\""):
                    guard string() else { return nil }
                    if depth == 0 { values += 1 }
                default:
                    // A number or a literal: letters, digits, sign, point and exponent only.
                    let start = index
                    while index < bytes.count, Self.isScalarByte(bytes[index]) { index += 1 }
                    guard index > start else { return nil }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    if depth == 0 { values += 1 }
                }
            }
            return depth == 0 && values == 1 ? out : nil
        }

        private static func isScalarByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
        }

        /// Copies the string at `index`: as sent (escaped for terminals) when redaction leaves its
        /// text alone, re-quoted with the mask otherwise.
        private mutating func string() -> Bool {
            let start = index + 1
            var end = start
            var escaped = false
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                if bytes[end] == UInt8(ascii: "\\") {
                    escaped = true
                    end += 1
                }
                end += 1
            }
            guard end < bytes.count else { return false }
            let inside = UnsafeBufferPointer(rebasing: bytes[start..<end])
            index = end + 1
            guard let text = escaped ? Self.unescape(inside) : String(validating: inside, as: UTF8.self) else {
                return false
            }
            let clean = redactor.redact(text)
            if clean != text {
                JSONValue.quote(clean, into: &out)
                return true
            }
            out.append(UInt8(ascii: "\""))
            Self.copyEscapingForTerminals(inside, into: &out)
            out.append(UInt8(ascii: "\""))
            return true
        }

        /// Copies the inside of a JSON string, its escapes as they are, other characters as
        /// `JSONValue.escape` would write them.
        private static func copyEscapingForTerminals(_ inside: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
            var index = 0
            var runStart = 0
            while index < inside.count {
                if inside[index] == UInt8(ascii: "\\") {
                    if index > runStart {
                        JSONValue.escape(UnsafeBufferPointer(rebasing: inside[runStart..<index]), into: &out)
                    }
                    let length = index + 1 < inside.count && inside[index + 1] == UInt8(ascii: "u") ? 6 : 2
                    let end = min(inside.count, index + length)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: inside[index..<end]))
                    index = end
                    runStart = end
                } else {
                    index += 1
                }
            }
            if index > runStart { JSONValue.escape(UnsafeBufferPointer(rebasing: inside[runStart..<index]), into: &out) }
        }

        /// The text of the inside of a JSON string with escapes; nil when an escape is malformed.
        private static func unescape(_ inside: UnsafeBufferPointer<UInt8>) -> String? {
            var units: [UInt8] = []
            units.reserveCapacity(inside.count)
            var index = 0
            func hex(_ at: Int) -> UInt32? {
                guard at + 4 <= inside.count else { return nil }
                var value: UInt32 = 0
                for byte in inside[at..<(at + 4)] {
                    guard let digit = Character(UnicodeScalar(byte)).hexDigitValue else { return nil }
                    value = value << 4 | UInt32(digit)
                }
                return value
            }
            while index < inside.count {
                let byte = inside[index]
                guard byte == UInt8(ascii: "\\") else {
                    units.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < inside.count else { return nil }
                let kind = inside[index + 1]
                index += 2
                let simple: UInt8?
                switch kind {
                case UInt8(ascii: "\""): simple = 0x22
                case UInt8(ascii: "\\"): simple = 0x5C
                case UInt8(ascii: "/"): simple = 0x2F
                case UInt8(ascii: "b"): simple = 0x08
                case UInt8(ascii: "f"): simple = 0x0C
                case UInt8(ascii: "n"): simple = 0x0A
                case UInt8(ascii: "r"): simple = 0x0D
                case UInt8(ascii: "t"): simple = 0x09
                case UInt8(ascii: "u"): simple = nil
                default: return nil
                }
                if let simple {
                    units.append(simple)
                    continue
                }
                guard var scalar = hex(index) else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(scalar), index + 6 <= inside.count, inside[index] == UInt8(ascii: "\\"),
                    inside[index + 1] == UInt8(ascii: "u"), let low = hex(index + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                // A lone surrogate has no text: it stands as U+FFFD, as Foundation's decoder reads it.
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                units.append(contentsOf: String(character).utf8)
            }
            return String(validating: units, as: UTF8.self)
        }
    }
}
#endif
