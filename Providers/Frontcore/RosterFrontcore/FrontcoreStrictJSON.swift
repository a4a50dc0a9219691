import Foundation
import RosterCore

/// Rejects a trailing comma (`{"a": 1,}`), which Foundation's JSON parser quietly accepts but JSON
/// forbids: the vendor's own PUT sample has one, and a body like that means
/// a server-side template bug, so it fails as a `decoding` error naming the JSON path, line and column
/// rather than being half-trusted. One tight pass over the bytes; the path is worked out only when a
/// trailing comma is found.
enum FrontcoreStrictJSON {
    /// Throws `decoding` at the first trailing comma in `body`.
    static func check(_ body: Data) throws {
        try body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let comma = firstTrailingComma(bytes) else { return }
            let before = bytes[..<comma]
            let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let column = comma - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            throw RosterError(
                .decoding, "invalid JSON: a trailing comma at line \(line), column \(column)",
                jsonPath: path(to: comma, in: bytes))
        }
    }

    /// The offset of the first comma followed (after whitespace) by `}` or `]`, outside strings.
    private static func firstTrailingComma(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var inString = false
        var escaped = false
        var pendingComma = -1
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x7D, 0x5D: if pendingComma >= 0 { return pendingComma }  // } ]
            case 0x2C:  // ,
                pendingComma = index
                continue
            case 0x22: inString = true  // "
            default: break
            }
            pendingComma = -1
        }
        return nil
    }

    /// The JSON path of the container holding the byte at `offset` (e.g. `$[2].custom_properties`).
    private static func path(to offset: Int, in bytes: UnsafeRawBufferPointer) -> String {
        enum Step {
            case key(String?)
            case index(Int)
        }
        var steps: [Step] = []
        var inString = false
        var escaped = false
        var stringStart = 0
        var expectingKey = false
        for index in 0...offset {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                    if expectingKey, case .key? = steps.last {
                        steps[steps.count - 1] = .key(
                            String(
                                decoding: UnsafeRawBufferPointer(rebasing: bytes[stringStart..<index]), as: UTF8.self))
                        expectingKey = false
                    }
                }
                continue
            }
            switch byte {
            case 0x7B:
                steps.append(.key(nil))
                expectingKey = true  // {
            case 0x5B: steps.append(.index(0))  // [
            case 0x7D, 0x5D: if !steps.isEmpty { steps.removeLast() }
            case 0x2C:  // ,
                if case .index(let n)? = steps.last { steps[steps.count - 1] = .index(n + 1) }
                if case .key? = steps.last {
                    steps[steps.count - 1] = .key(nil)
                    expectingKey = true
                }
            case 0x22:
                inString = true
                stringStart = index + 1
            default: break
            }
        }
        return steps.reduce("$") { text, step in
            switch step {
            case .key(let key?): text + "." + key
            case .key(nil): text
            case .index(let n): text + "[\(n)]"
            }
        }
    }
}
