public import Foundation

/// The check every vendor body passes before Foundation's `JSONDecoder` sees it. The decoder refuses
/// nesting deeper than 512 levels, but on Linux (Swift 6.3) its own refusal traps when the array that
/// crosses the limit is the body's last byte: 513 bytes of `[` kill the process, and so do the same
/// brackets in UTF-16 or UTF-32, which the decoder converts first. So a body must be UTF-8 (as RFC
/// 8259 requires between systems) and nest at most `maxDepth` levels; anything else is a `decoding`
/// error at `$`, never a trap. One pass over the bytes, no allocation.
public enum JSONNesting {
    /// The deepest nesting accepted: the limit Foundation's parser enforces anyway (vendor documents
    /// nest about five levels).
    public static let maxDepth = 512

    /// Throws a `decoding` error (JSON path `$`) when `body` is UTF-16 or UTF-32, or nests deeper
    /// than `maxDepth` arrays and objects.
    public static func check(_ body: Data, provider: ProviderID? = nil) throws {
        if let problem = problem(in: body) {
            throw RosterError(.decoding, problem, provider: provider, jsonPath: "$")
        }
    }

    /// `JSONDecoder.decode` after `check`: throws the check's `RosterError`, or the decoder's
    /// `DecodingError`.
    public static func decode<T: Decodable>(
        _ type: T.Type, from body: Data, decoder: JSONDecoder = JSONDecoder()
    ) throws -> T {
        try check(body)
        return try decoder.decode(type, from: body)
    }

    /// What is wrong with `body`, or nil when it may go to the decoder.
    static func problem(in body: Data) -> String? {
        body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> String? in
            // Foundation reads a NUL in the first two bytes, or a UTF-16 byte-order mark, as UTF-16/32.
            if bytes.count >= 2, bytes[0] == 0 || bytes[1] == 0 || (bytes[0] == 0xFE && bytes[1] == 0xFF)
                || (bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                return "the body is not UTF-8 (it starts like UTF-16 or UTF-32); JSON between systems must be UTF-8"
            }
            var depth = 0
            var index = 0
            let count = bytes.count
            while index < count {
                switch bytes[index] {
                case 0x5B, 0x7B:  // [ {
                    depth += 1
                    if depth > maxDepth {
                        return "the JSON nests deeper than \(maxDepth) levels (at byte \(index))"
                    }
                case 0x5D, 0x7D:  // ] } (never below 0, so stray closers cannot hide openers that follow)
                    depth = max(0, depth - 1)
                case 0x22:  // a string: skip to its closing quote; a backslash escapes the byte after it
                    index += 1
                    while index < count, bytes[index] != 0x22 {
                        index += bytes[index] == 0x5C ? 2 : 1
                    }
                default: break
                }
                index += 1
            }
            return nil
        }
    }
}
