/// Range-checked conversions for numbers that come from a vendor. `Int(someDouble)` traps on NaN,
/// on infinities and on anything beyond ±2⁶³, so a hostile or broken vendor could otherwise kill the
/// process with one byte. Adapters convert through these functions instead: each returns nil for a
/// value outside the range its field allows, and the adapter turns nil into a `decoding` error that
/// names the field's JSON path.
public enum VendorNumbers {
    /// The largest count or total accepted from a vendor: 2³¹ − 1. No course holds two billion
    /// people, and with this ceiling no sum or difference of totals a listing reports can overflow.
    public static let maxCount = Int(Int32.max)
    /// Counts and totals: `0...maxCount`.
    public static let counts = 0...maxCount
    /// Percentages (completion rates): `0...100`. The design gives progress as 0–100, so a rate
    /// outside it is a vendor bug and is refused rather than clamped into something plausible.
    public static let percentages = 0...100

    /// `value` rounded to the nearest whole number, when that is in `range`; nil for NaN, infinities
    /// and anything outside.
    public static func integer(_ value: Double, in range: ClosedRange<Int>) -> Int? {
        guard value.isFinite, let whole = Int(exactly: value.rounded()), range.contains(whole) else { return nil }
        return whole
    }

    /// `text` as a whole number in `range`: decimal digits with an optional sign (`"42"`, `"-7"`), or
    /// a decimal number that is then rounded (`"12.6"`, `"1e2"`); surrounding spaces are ignored. Nil
    /// for anything else: `"NaN"`, `"inf"`, hexadecimal, digits beyond 64 bits, or a value outside
    /// `range`.
    public static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        let trimmed = text.trimmingCharacters(in: " \t")
        if let exact = Int(trimmed) { return range.contains(exact) ? exact : nil }
        // Plain digits that did not fit in an Int are out of range; only a decimal or an exponent is rounded.
        guard trimmed.utf8.contains(where: { [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains($0) }),
            let number = decimal(trimmed)
        else { return nil }
        return integer(number, in: range)
    }

    /// `text` as a finite decimal number (`"59.28"`, `"-1e3"`), or nil: only digits, one sign, one
    /// point and one exponent are accepted, so `"nan"`, `"infinity"` and `"0x1p3"` are not numbers here.
    public static func decimal(_ text: String) -> Double? {
        guard !text.isEmpty, text.utf8.allSatisfy({ decimalBytes.contains($0) }), let number = Double(text),
            number.isFinite
        else { return nil }
        return number
    }

    private static let decimalBytes = Set("0123456789+-.eE".utf8)
}

extension String {
    /// The string without leading and trailing characters from `set` (a small, Foundation-free trim).
    fileprivate func trimmingCharacters(in set: String) -> String {
        let unwanted = Set(set)
        guard let first = firstIndex(where: { !unwanted.contains($0) }),
            let last = lastIndex(where: { !unwanted.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
