#if CLI
/// Vendor text made safe for a terminal, before it reaches stderr or a table: it can neither run an
/// escape sequence (move the cursor, recolour, retitle the window, write a hyperlink), nor start a
/// forged line, nor reorder what is shown around it.
///
/// Tabs and line breaks (LF, CR) become a space. Every other invisible control becomes a visible
/// placeholder in Swift's escape notation, `\u{HEX}`: C0 controls (ESC shows as `\u{1B}`, so
/// ESC-[ CSI and ESC-] OSC sequences are shown, not run), DEL, C1 controls U+0080–U+009F (the
/// one-byte CSI is U+009B), the bidirectional controls (U+061C, U+200E–U+200F, U+202A–U+202E,
/// U+2066–U+2069) and the separators U+2028, U+2029.
enum TerminalText {
    /// `text` on one line with every control shown as a placeholder (see `TerminalText`).
    static func flatten(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: result.unicodeScalars.append(" ")
            default:
                if needsReplacement(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Each line of `text` flattened, the line breaks between them kept (for the tool's own
    /// multi-line messages, whose parts may hold vendor text).
    static func flattenLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { flatten(String($0)) }
            .joined(separator: "\n")
    }

    /// True for a scalar that must not reach a terminal as it is.
    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
#endif
