import Foundation

/// One byte sequence to look for on behalf of a secret, and how loosely to compare it. Every secret
/// yields several: the secret itself (compared ASCII-case-insensitively) and its base64 and base64url
/// encodings, alone and at each of the three alignments it can take inside a longer base64 text.
/// Matching is escape-aware for every form: a byte of the needle also matches its percent-encoding
/// (`%2F` or `%2f`), a space also matches `+` (form encoding), and JSON string escapes (`\/`, `\"`,
/// `\\`, `\u00XX`) match the byte they stand for. So one needle covers the mixed encodings a URL, a
/// form body or a JSON text can give a value.
struct SecretForm: Hashable, Sendable {
    /// The bytes to find.
    let needle: [UInt8]
    /// True when ASCII letters compare without regard to case (the secret itself, not its base64).
    let ignoresCase: Bool

    /// Every form of `secret` worth looking for.
    static func forms(of secret: String) -> [SecretForm] {
        let bytes = Array(secret.utf8)
        var forms = [SecretForm(needle: bytes, ignoresCase: true)]
        var encodings: Set<[UInt8]> = []
        // The whole secret encoded alone (padded and unpadded), so that no stray tail is left visible.
        let alone = Data(bytes).base64EncodedString()
        encodings.insert(Array(alone.utf8))
        encodings.insert(Array(alone.utf8.prefix { $0 != UInt8(ascii: "=") }))
        // Inside a longer base64 text (`Basic base64(user:key)`) the secret starts 0, 1 or 2 bytes
        // into a 3-byte group. Encode it behind that many filler bytes and keep only the characters
        // that depend on the secret's bytes alone: the filler decides the first ceil(4k/3), and the
        // unknown bytes that follow decide everything past floor(4(k+n)/3).
        for offset in 0...2 {
            let encoded = Array(Data(Array(repeating: 0, count: offset) + bytes).base64EncodedString().utf8)
            let start = (4 * offset + 2) / 3
            let end = (4 * (offset + bytes.count)) / 3
            if end - start >= minimumBase64Length { encodings.insert(Array(encoded[start..<end])) }
        }
        for encoding in encodings where encoding.count >= minimumBase64Length {
            forms.append(SecretForm(needle: encoding, ignoresCase: false))
            let urlSafe = encoding.compactMap { byte -> UInt8? in
                switch byte {
                case UInt8(ascii: "+"): UInt8(ascii: "-")
                case UInt8(ascii: "/"): UInt8(ascii: "_")
                case UInt8(ascii: "="): nil
                default: byte
                }
            }
            if urlSafe != encoding { forms.append(SecretForm(needle: urlSafe, ignoresCase: false)) }
        }
        return forms
    }

    /// Base64 fragments shorter than this are not looked for: too likely to occur by chance.
    static let minimumBase64Length = 6

    /// The end of the match starting at `start` in `text`, or nil when there is none there.
    func match(in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var position = start
        for expected in needle {
            guard position < text.count else { return nil }
            let byte = text[position]
            if same(byte, expected) {
                position += 1
            } else if byte == UInt8(ascii: "%"), position + 2 < text.count,
                let decoded = Self.hexByte(text[position + 1], text[position + 2]), same(decoded, expected)
            {
                position += 3
            } else if byte == UInt8(ascii: "+"), expected == UInt8(ascii: " ") {
                position += 1
            } else if byte == UInt8(ascii: "\\"), let length = Self.jsonEscapeLength(text, position, expected) {
                position += length
            } else {
                return nil
            }
        }
        return position
    }

    /// True when `byte` may start a match of this form (itself, its other case, or an escape).
    func mayStart(with byte: UInt8) -> Bool {
        guard let first = needle.first else { return false }
        return same(byte, first) || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\\")
            || (byte == UInt8(ascii: "+") && first == UInt8(ascii: " "))
    }

    private func same(_ byte: UInt8, _ expected: UInt8) -> Bool {
        byte == expected || (ignoresCase && Self.lowercased(byte) == Self.lowercased(expected))
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hexByte(_ high: UInt8, _ low: UInt8) -> UInt8? {
        guard let high = hexDigit(high), let low = hexDigit(low) else { return nil }
        return high << 4 | low
    }

    /// The length of a JSON escape at `position` that stands for `expected`: `\/`, `\"`, `\\`, or
    /// `\u00XX` for an ASCII byte.
    private static func jsonEscapeLength(_ text: UnsafeBufferPointer<UInt8>, _ position: Int, _ expected: UInt8) -> Int?
    {
        guard position + 1 < text.count else { return nil }
        let next = text[position + 1]
        if next == expected, next == UInt8(ascii: "/") || next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
            return 2
        }
        guard next == UInt8(ascii: "u"), expected < 0x80, position + 5 < text.count,
            text[position + 2] == UInt8(ascii: "0"), text[position + 3] == UInt8(ascii: "0"),
            let decoded = hexByte(text[position + 4], text[position + 5]), decoded == expected
        else { return nil }
        return 6
    }
}

/// Every form of a set of secrets, ready to search text for.
struct SecretMatcher: Sendable, Hashable {
    /// The forms, in no particular order (overlapping matches are merged).
    let forms: [SecretForm]
    /// No match is shorter than this many bytes: shorter texts are returned untouched at once.
    let minimumLength: Int
    /// A 256-bit set of the bytes a match can start with: most positions of most texts are rejected
    /// with one look-up, so redacting every field of every record stays cheap.
    private let startBytes: [UInt64]

    /// The matcher for `secrets`.
    init(_ secrets: some Sequence<String>) {
        self.init(forms: secrets.flatMap(SecretForm.forms(of:)))
    }

    private init(forms: [SecretForm]) {
        self.forms = forms
        minimumLength = forms.map(\.needle.count).min() ?? .max
        var bits = [UInt64](repeating: 0, count: 4)
        for byte in 0...255 where forms.contains(where: { $0.mayStart(with: UInt8(byte)) }) {
            bits[byte >> 6] |= 1 << UInt64(byte & 63)
        }
        startBytes = bits
    }

    /// This matcher plus the forms of `secret`.
    func adding(_ secret: String) -> SecretMatcher { SecretMatcher(forms: forms + SecretForm.forms(of: secret)) }

    /// True when there is nothing to look for.
    var isEmpty: Bool { forms.isEmpty }

    /// The byte ranges of `text` that hold a secret in any form, merged and in order.
    func ranges(in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard text.count >= minimumLength else { return [] }
        var found: [Range<Int>] = []
        startBytes.withUnsafeBufferPointer { starts in
            var start = 0
            while start <= text.count - minimumLength {
                let byte = Int(text[start])
                if starts[byte >> 6] & (1 << UInt64(byte & 63)) != 0 {
                    for form in forms where form.mayStart(with: text[start]) {
                        if let end = form.match(in: text, at: start) { found.append(start..<end) }
                    }
                }
                start += 1
            }
        }
        guard found.count > 1 else { return found }
        found.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = [found[0]]
        for range in found.dropFirst() {
            if range.lowerBound <= merged[merged.count - 1].upperBound {
                let last = merged.removeLast()
                merged.append(last.lowerBound..<max(last.upperBound, range.upperBound))
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// `text` with every match replaced by `mask`; the same string when nothing matched.
    func redact(_ text: String, mask: String) -> String {
        if isEmpty || text.utf8.count < minimumLength { return text }
        var copy = text
        return copy.withUTF8 { buffer in
            let ranges = self.ranges(in: buffer)
            guard !ranges.isEmpty else { return text }
            var result: [UInt8] = []
            result.reserveCapacity(buffer.count)
            var position = 0
            for range in ranges {
                result.append(contentsOf: buffer[position..<range.lowerBound])
                result.append(contentsOf: mask.utf8)
                position = range.upperBound
            }
            result.append(contentsOf: buffer[position...])
            return String(decoding: result, as: UTF8.self)
        }
    }
}
