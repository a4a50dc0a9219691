import Foundation
import RosterCore

/// Rejects a trailing comma (`{"a": 1,}`), which Foundation's JSON parser quietly accepts but JSON
/// forbids: the vendor's own PUT sample has one (vendors.md §1.9 quirk 9), and a body like that means
/// a server-side template bug, so it fails as a `decoding` error naming the JSON path, line and column
/// rather than being half-trusted. One linear pass over the bytes, negligible beside decoding.
enum FrontcoreStrictJSON {
    /// Throws `decoding` at the first trailing comma in `body`.
    static func check(_ body: Data) throws {
        try body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var inString = false, escaped = false
            var pendingComma: (line: Int, column: Int)?
            var line = 1, lineStart = 0
            var path: [PathStep] = []
            var keyStart = -1
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if keyStart >= 0, case .key? = path.last {
                            path[path.count - 1] = .key(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[keyStart..<index]), as: UTF8.self))
                            keyStart = -1
                        }
                    }
                    continue
                }
                switch byte {
                case 0x20, 0x09, 0x0D: continue
                case 0x0A:
                    line += 1
                    lineStart = index + 1
                    continue
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if let comma = pendingComma {
                        throw RosterError(
                            .decoding,
                            "invalid JSON: a trailing comma at line \(comma.line), column \(comma.column) before "
                                + "'\(Character(Unicode.Scalar(byte)))'",
                            jsonPath: render(path))
                    }
                    path.removeLast()
                case UInt8(ascii: ","):
                    pendingComma = (line, index - lineStart + 1)
                    if case .index(let n)? = path.last { path[path.count - 1] = .index(n + 1) }
                    if case .key? = path.last { path[path.count - 1] = .key(nil) }
                    continue
                case UInt8(ascii: "{"): path.append(.key(nil))
                case UInt8(ascii: "["): path.append(.index(0))
                case UInt8(ascii: "\""):
                    inString = true
                    if case .key(nil)? = path.last, pendingComma != nil || bytes[..<index].last(where: { !$0.isJSONSpace }) == UInt8(ascii: "{") {
                        keyStart = index + 1
                    }
                default: break
                }
                pendingComma = nil
            }
        }
    }

    private enum PathStep {
        case key(String?)
        case index(Int)
    }

    private static func render(_ path: [PathStep]) -> String {
        path.reduce("$") { text, step in
            switch step {
            case .key(let key?): text + "." + key
            case .key(nil): text
            case .index(let n): text + "[\(n)]"
            }
        }
    }
}

extension UInt8 {
    fileprivate var isJSONSpace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
